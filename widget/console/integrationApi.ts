/**
 * The admin screens' calls about helpdesk integrations (`/api/v1/sites/:siteId/integrations`).
 * The server decides who may: these answer 403 for anyone but the site's admins.
 */
import type { Ack } from '../../shared/ack';
import type {
  ChatwootEnable,
  ChatwootEnabledView,
  ChatwootIntegrationView,
} from '../../shared/integrations';
import { requestJson, type Fetch } from './http';

export interface IntegrationApi {
  chatwoot(siteId: string): Promise<Ack<ChatwootIntegrationView>>;
  /** Enables Chatwoot, or makes a new URL (the old one stops working at once). */
  enableChatwoot(siteId: string, input?: ChatwootEnable): Promise<Ack<ChatwootEnabledView>>;
  /** Stores Chatwoot's webhook secret, or forgets it (null). */
  setChatwootSecret(siteId: string, secret: string | null): Promise<Ack<ChatwootIntegrationView>>;
  disableChatwoot(siteId: string): Promise<Ack<ChatwootIntegrationView>>;
}

const chatwootPath = (siteId: string) =>
  `/api/v1/sites/${encodeURIComponent(siteId)}/integrations/chatwoot`;

export function httpIntegrationApi(fetchFn: Fetch = (...args) => fetch(...args)): IntegrationApi {
  return {
    chatwoot: (siteId) => requestJson(fetchFn, 'GET', chatwootPath(siteId)),
    enableChatwoot: (siteId, input = {}) =>
      requestJson(fetchFn, 'POST', chatwootPath(siteId), input),
    setChatwootSecret: (siteId, secret) =>
      requestJson(fetchFn, 'PATCH', chatwootPath(siteId), { secret }),
    disableChatwoot: (siteId) => requestJson(fetchFn, 'DELETE', chatwootPath(siteId)),
  };
}
