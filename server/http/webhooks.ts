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
import { z } from 'zod';
import {
  PING_EVENT,
  SLACK_EVENTS,
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
import { apiRoute } from '../openapi/route';
import { ZDeliveryPage, ZDeliveryView, ZNewWebhookView, ZWebhookView } from '../openapi/views';
import { siteAccess, type AccessDeps } from './caller';
import { parseBody, parseQuery } from './validate';

const ADMIN = ['adminToken', 'session'] as const;
const WEBHOOKS = '/api/v1/sites/:siteId/webhooks';
const WEBHOOK = `${WEBHOOKS}/:id` as const;
const ZWebhookParam = z.object({
  id: ZWebhookId.meta({ description: "The webhook's id (`wh_…`)." }),
});
const ZDeliveryParams = ZWebhookParam.extend({
  deliveryId: ZDeliveryId.meta({ description: "The delivery's id (`msg_…`), its `webhook-id`." }),
});

const WEBHOOK_EXAMPLE = {
  id: 'wh_01JDQ5V7K3M2Y8ZQ4W6N1P0R9S',
  url: 'https://crm.example.com/peakend',
  kind: 'standard',
  events: ['rating.saved', 'promise.broken'],
  enabled: true,
  disabledReason: null,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
} as const;
const DELIVERY_EXAMPLE = {
  id: 'msg_01JDQ6B2W9T4X8C1N5R7M3K0PZ',
  event: 'rating.saved',
  status: 'delivered',
  attempts: 1,
  nextAttemptAt: null,
  lastAttemptAt: '2026-11-30T09:14:04.010Z',
  lastStatus: 200,
  lastError: null,
  createdAt: '2026-11-30T09:14:03.120Z',
  deliveredAt: '2026-11-30T09:14:04.010Z',
} as const;
const QUEUED_EXAMPLE = {
  ...DELIVERY_EXAMPLE,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-30T10:00:00.000Z',
  lastAttemptAt: null,
  lastStatus: null,
  deliveredAt: null,
} as const;

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const WEBHOOK_API = {
  create: apiRoute({
    method: 'post',
    path: WEBHOOKS,
    tag: 'Webhooks',
    summary: 'Add a webhook',
    description: `Events are posted to \`url\` as they happen, signed by the Standard Webhooks spec with the secret shown here once; a Slack destination (\`"kind": "slack"\`, an incoming-webhook URL) hears only ${SLACK_EVENTS.join(' and ')}. At most ${WEBHOOKS_PER_SITE} a site. docs/webhooks.md.`,
    auth: ADMIN,
    body: ZNewWebhook,
    bodyExample: {
      url: 'https://crm.example.com/peakend',
      events: ['rating.saved', 'promise.broken'],
    },
    responses: {
      201: {
        description: 'The webhook, with its signing secret (shown this once).',
        schema: ZNewWebhookView,
        example: { ...WEBHOOK_EXAMPLE, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      },
    },
    refusals: {
      400: 'Invalid input, or a URL naming an address Peakend does not post to.',
      409: `The site has ${WEBHOOKS_PER_SITE} webhooks already.`,
    },
  }),
  list: apiRoute({
    method: 'get',
    path: WEBHOOKS,
    tag: 'Webhooks',
    summary: "List the site's webhooks",
    description: 'Without their secrets.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The webhooks.',
        schema: z.object({ webhooks: z.array(ZWebhookView) }),
        example: { webhooks: [WEBHOOK_EXAMPLE] },
      },
    },
  }),
  get: apiRoute({
    method: 'get',
    path: WEBHOOK,
    tag: 'Webhooks',
    summary: 'A webhook',
    auth: ADMIN,
    params: ZWebhookParam,
    responses: {
      200: { description: 'The webhook.', schema: ZWebhookView, example: WEBHOOK_EXAMPLE },
    },
  }),
  change: apiRoute({
    method: 'patch',
    path: WEBHOOK,
    tag: 'Webhooks',
    summary: 'Change a webhook',
    description:
      'Any of `url`, `events` and `enabled`. Turning on again a webhook Peakend disabled clears `disabledReason` and sends what it holds.',
    auth: ADMIN,
    params: ZWebhookParam,
    body: ZWebhookPatch,
    bodyExample: { enabled: true },
    responses: {
      200: {
        description: 'The webhook as it is now.',
        schema: ZWebhookView,
        example: { ...WEBHOOK_EXAMPLE, updatedAt: '2026-11-30T11:00:00.000Z' },
      },
    },
    refusals: {
      400: 'Invalid input, a URL naming an address Peakend does not post to, or events a Slack destination does not hear.',
    },
  }),
  remove: apiRoute({
    method: 'delete',
    path: WEBHOOK,
    tag: 'Webhooks',
    summary: 'Delete a webhook',
    description: 'Its delivery log goes with it.',
    auth: ADMIN,
    params: ZWebhookParam,
    responses: { 204: { description: 'Deleted.' } },
  }),
  ping: apiRoute({
    method: 'post',
    path: `${WEBHOOK}/ping`,
    tag: 'Webhooks',
    summary: 'Send a test ping',
    description: 'Queues a `webhook.ping` delivery to this webhook alone.',
    auth: ADMIN,
    params: ZWebhookParam,
    responses: {
      202: {
        description: "The ping's delivery, queued.",
        schema: ZDeliveryView,
        example: { ...QUEUED_EXAMPLE, event: PING_EVENT },
      },
    },
  }),
  deliveries: apiRoute({
    method: 'get',
    path: `${WEBHOOK}/deliveries`,
    tag: 'Webhooks',
    summary: 'The delivery log',
    description: 'Newest first; `before` (a delivery id) gives the page after it.',
    auth: ADMIN,
    params: ZWebhookParam,
    query: ZDeliveryFilter,
    responses: {
      200: {
        description: 'A page of deliveries.',
        schema: ZDeliveryPage,
        example: { deliveries: [DELIVERY_EXAMPLE] },
      },
    },
  }),
  resend: apiRoute({
    method: 'post',
    path: `${WEBHOOK}/deliveries/:deliveryId/resend`,
    tag: 'Webhooks',
    summary: 'Resend a delivery',
    description:
      'Due now, with the same id (`webhook-id`), so a receiver that has it already can tell. One being sent at this moment is left to that attempt.',
    auth: ADMIN,
    params: ZDeliveryParams,
    responses: {
      202: {
        description: 'The delivery, due now.',
        schema: ZDeliveryView,
        example: {
          ...QUEUED_EXAMPLE,
          attempts: 1,
          lastAttemptAt: '2026-11-30T09:14:04.010Z',
          lastStatus: 200,
        },
      },
    },
    refusals: { 404: 'No such site, webhook or delivery.' },
  }),
};

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

  router.post(WEBHOOK_API.create.path, async (req, res) => {
    const site = await admin(req);
    const input = parseBody(WEBHOOK_API.create.body, req.body);
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

  router.get(WEBHOOK_API.list.path, async (req, res) => {
    const site = await admin(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ webhooks: (await store.listWebhooks(site.id)).map(webhookView) });
  });

  router.get(WEBHOOK_API.get.path, async (req, res) => {
    const { hook } = await endpointOf(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(webhookView(hook));
  });

  router.patch(WEBHOOK_API.change.path, async (req, res) => {
    const { hook } = await endpointOf(req);
    const patch = parseBody(WEBHOOK_API.change.body, req.body);
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

  router.delete(WEBHOOK_API.remove.path, async (req, res) => {
    const { site, hook } = await endpointOf(req);
    await store.deleteWebhook(site.id, hook.id);
    res.status(204).end();
  });

  router.post(WEBHOOK_API.ping.path, async (req, res) => {
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

  router.get(WEBHOOK_API.deliveries.path, async (req, res) => {
    const { site, hook } = await endpointOf(req);
    const query = parseQuery(WEBHOOK_API.deliveries.query, req.query);
    const deliveries = await store.listDeliveries(site.id, hook.id, query);
    const page: DeliveryPage = { deliveries: deliveries.map(deliveryView) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });

  router.post(WEBHOOK_API.resend.path, async (req, res) => {
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
  });

  return router;
}
