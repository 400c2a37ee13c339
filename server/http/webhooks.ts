/**
 * The webhooks API (docs/webhooks.md), for the admin token or a console session of the site's
 * admins:
 *   POST   /api/v1/sites/:siteId/webhooks                          → 201, with the secret (once)
 *   GET    /api/v1/sites/:siteId/webhooks                          (secrets are not shown again)
 *   GET    /api/v1/sites/:siteId/webhooks/:id
 *   PATCH  /api/v1/sites/:siteId/webhooks/:id                      {url?, events?, enabled?}
 *   DELETE /api/v1/sites/:siteId/webhooks/:id                      → 204
 *   POST   /api/v1/sites/:siteId/webhooks/:id/ping                 → 202, a test ping queued
 *   GET    /api/v1/sites/:siteId/webhooks/:id/deliveries           the delivery log
 *   POST   /api/v1/sites/:siteId/webhooks/:id/deliveries/:deliveryId/resend → 202
 * Every endpoint and delivery is read through its site: another site's are not found.
 */
import { randomBytes } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import {
  PING_EVENT,
  WEBHOOKS_PER_SITE,
  ZDeliveryFilter,
  ZDeliveryId,
  ZNewWebhook,
  ZWebhookId,
  ZWebhookPatch,
  type DeliveryPage,
  type DeliveryView,
  type NewWebhookView,
  type WebhookView,
} from '../../shared/webhooks';
import { isoOrNull } from '../../shared/time';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Site } from '../storage/store';
import {
  newWebhookId,
  payloadOf,
  type StoredDelivery,
  type StoredWebhook,
} from '../storage/webhooks';
import { ForbiddenDestination, type DestinationGuard } from '../webhooks/guard';
import type { DeliveryWorker } from '../webhooks/worker';
import { siteAccess, type AccessDeps } from './caller';
import { parseBody, parseQuery } from './validate';

export interface WebhookRouteDeps extends AccessDeps {
  clock: Clock;
  guard: DestinationGuard;
  worker: DeliveryWorker;
}

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 random bytes. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** A Slack incoming-webhook URL is itself a secret: shown as its origin only. */
const shownUrl = (hook: StoredWebhook) =>
  hook.kind === 'slack' ? `${new URL(hook.url).origin}/…` : hook.url;

export const webhookView = (hook: StoredWebhook): WebhookView => ({
  id: hook.id,
  url: shownUrl(hook),
  kind: hook.kind,
  events: hook.events,
  enabled: hook.enabled,
  disabledReason: hook.disabledReason,
  createdAt: new Date(hook.createdAt).toISOString(),
  updatedAt: new Date(hook.updatedAt).toISOString(),
});

export const deliveryView = (delivery: StoredDelivery): DeliveryView => ({
  id: delivery.id,
  event: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  nextAttemptAt: delivery.status === 'pending' ? isoOrNull(delivery.nextAttemptAt) : null,
  lastAttemptAt: isoOrNull(delivery.lastAttemptAt),
  lastStatus: delivery.lastStatus,
  lastError: delivery.lastError,
  createdAt: new Date(delivery.createdAt).toISOString(),
  deliveredAt: isoOrNull(delivery.deliveredAt),
});

export function webhookRoutes(deps: WebhookRouteDeps): Router {
  const { store, clock, guard, worker } = deps;
  const router = express.Router();

  const admin = async (req: Request): Promise<Site> =>
    (await siteAccess(req, deps, 'administer')).site;

  /** The site's endpoint of `:id`; another site's is not found, as one that does not exist. */
  const endpointOf = async (req: Request) => {
    const site = await admin(req);
    const id = ZWebhookId.safeParse(req.params.id);
    const hook = id.success ? await store.getWebhook(site.id, id.data) : null;
    if (!hook)
      throw new Refusal('not_found', `No webhook "${String(req.params.id)}" on this site.`);
    return { site, hook };
  };

  /** In production, a URL naming a non-public address is refused at once (and at connect time). */
  const checkDestination = (url: string) => {
    try {
      guard.checkHost(new URL(url).hostname);
    } catch (error) {
      if (!(error instanceof ForbiddenDestination)) throw error;
      throw new Refusal('invalid', 'The request body is invalid.', [
        { path: 'url', message: error.message },
      ]);
    }
  };

  router.post('/api/v1/sites/:siteId/webhooks', async (req, res) => {
    const site = await admin(req);
    const input = parseBody(ZNewWebhook, req.body);
    checkDestination(input.url);
    if ((await store.listWebhooks(site.id)).length >= WEBHOOKS_PER_SITE) {
      throw new Refusal('conflict', `A site may have at most ${WEBHOOKS_PER_SITE} webhooks.`);
    }
    const now = clock.now();
    const hook: StoredWebhook = {
      id: newWebhookId(now),
      siteId: site.id,
      url: input.url,
      kind: input.kind,
      events: input.events,
      secret: newSecret(),
      enabled: true,
      disabledReason: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    };
    await store.createWebhook(hook);
    const created: NewWebhookView = { ...webhookView(hook), secret: hook.secret };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.get('/api/v1/sites/:siteId/webhooks', async (req, res) => {
    const site = await admin(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ webhooks: (await store.listWebhooks(site.id)).map(webhookView) });
  });

  router.get('/api/v1/sites/:siteId/webhooks/:id', async (req, res) => {
    const { hook } = await endpointOf(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(webhookView(hook));
  });

  router.patch('/api/v1/sites/:siteId/webhooks/:id', async (req, res) => {
    const { hook } = await endpointOf(req);
    const patch = parseBody(ZWebhookPatch, req.body);
    if (patch.url !== undefined) checkDestination(patch.url);
    const events = patch.events ?? hook.events;
    const kind = hook.kind;
    const parsed = ZNewWebhook.safeParse({ url: patch.url ?? hook.url, events, kind });
    if (!parsed.success) {
      throw new Refusal('invalid', 'The request body is invalid.', [
        { path: 'events', message: parsed.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    const enabling = patch.enabled === true && !hook.enabled;
    const updated: StoredWebhook = {
      ...hook,
      url: patch.url ?? hook.url,
      events,
      enabled: patch.enabled ?? hook.enabled,
      // Enabled again: its past failures are forgiven, and the reason goes.
      disabledReason: enabling || patch.enabled === false ? null : hook.disabledReason,
      failingSince: enabling ? null : hook.failingSince,
      updatedAt: clock.now(),
    };
    await store.updateWebhook(updated);
    if (enabling) worker.nudge();
    res.json(webhookView(updated));
  });

  router.delete('/api/v1/sites/:siteId/webhooks/:id', async (req, res) => {
    const { site, hook } = await endpointOf(req);
    await store.deleteWebhook(site.id, hook.id);
    res.status(204).end();
  });

  router.post('/api/v1/sites/:siteId/webhooks/:id/ping', async (req, res) => {
    const { site, hook } = await endpointOf(req);
    const now = clock.now();
    const payload = payloadOf(PING_EVENT, now, {
      siteId: site.id,
      webhookId: hook.id,
      message: 'A test ping from Peakend.',
    });
    const delivery = await store.queueDelivery(site.id, hook.id, PING_EVENT, payload, now);
    worker.nudge();
    res.status(202).json(deliveryView(delivery));
  });

  router.get('/api/v1/sites/:siteId/webhooks/:id/deliveries', async (req, res) => {
    const { site, hook } = await endpointOf(req);
    const query = parseQuery(ZDeliveryFilter, req.query);
    const deliveries = await store.listDeliveries(site.id, hook.id, query);
    const page: DeliveryPage = { deliveries: deliveries.map(deliveryView) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });

  router.post(
    '/api/v1/sites/:siteId/webhooks/:id/deliveries/:deliveryId/resend',
    async (req, res) => {
      const { site, hook } = await endpointOf(req);
      const id = ZDeliveryId.safeParse(req.params.deliveryId);
      const delivery = id.success
        ? await store.resendDelivery(site.id, hook.id, id.data, clock.now())
        : null;
      if (!delivery) {
        // A worker is sending it at this moment: that attempt is the resend asked for.
        const sending = id.success ? await store.getDelivery(site.id, id.data) : null;
        if (sending && sending.endpointId === hook.id) {
          res.status(202).json(deliveryView(sending));
          return;
        }
        throw new Refusal('not_found', `No delivery "${String(req.params.deliveryId)}" here.`);
      }
      worker.nudge();
      res.status(202).json(deliveryView(delivery));
    },
  );

  return router;
}
