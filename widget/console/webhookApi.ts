/**
 * The admin screens' calls for a site's outgoing webhooks (`/api/v1/sites/:siteId/webhooks`,
 * docs/webhooks.md). The server decides who may: these answer 403 for anyone but the site's
 * admins.
 */
import type { Ack } from '../../shared/ack';
import type {
  DeliveryView,
  NewWebhook,
  NewWebhookView,
  WebhookPatch,
  WebhookView,
} from '../../shared/webhooks';
import { requestJson, type Fetch } from './http';

export interface WebhookApi {
  listWebhooks(siteId: string): Promise<Ack<WebhookView[]>>;
  /** The answer carries the signing secret, this once. */
  createWebhook(siteId: string, webhook: NewWebhook): Promise<Ack<NewWebhookView>>;
  updateWebhook(siteId: string, id: string, patch: WebhookPatch): Promise<Ack<WebhookView>>;
  deleteWebhook(siteId: string, id: string): Promise<Ack<null>>;
  /** Queues a test ping, sent at once. */
  pingWebhook(siteId: string, id: string): Promise<Ack<DeliveryView>>;
  /** The endpoint's latest deliveries, newest first. */
  listDeliveries(siteId: string, id: string): Promise<Ack<DeliveryView[]>>;
  resendDelivery(siteId: string, id: string, deliveryId: string): Promise<Ack<DeliveryView>>;
}

export function httpWebhookApi(fetchFn: Fetch = (...args) => fetch(...args)): WebhookApi {
  const hooks = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}/webhooks`;
  const hook = (siteId: string, id: string) => `${hooks(siteId)}/${encodeURIComponent(id)}`;
  const call = <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    requestJson<T>(fetchFn, method, url, body);
  return {
    listWebhooks: async (siteId) => {
      const answer = await call<{ webhooks: WebhookView[] }>('GET', hooks(siteId));
      return answer.ok ? { ok: true, data: answer.data.webhooks } : answer;
    },
    createWebhook: (siteId, webhook) => call('POST', hooks(siteId), webhook),
    updateWebhook: (siteId, id, patch) => call('PATCH', hook(siteId, id), patch),
    deleteWebhook: (siteId, id) => call('DELETE', hook(siteId, id)),
    pingWebhook: (siteId, id) => call('POST', `${hook(siteId, id)}/ping`),
    listDeliveries: async (siteId, id) => {
      const answer = await call<{ deliveries: DeliveryView[] }>(
        'GET',
        `${hook(siteId, id)}/deliveries?limit=20`,
      );
      return answer.ok ? { ok: true, data: answer.data.deliveries } : answer;
    },
    resendDelivery: (siteId, id, deliveryId) =>
      call('POST', `${hook(siteId, id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`),
  };
}
