/**
 * Helpdesk integrations (docs/integrations/chatwoot.md):
 *   - for the site's admins (the admin token or an admin's console session),
 *     `POST /api/v1/sites/:siteId/integrations/chatwoot` enables the Chatwoot adapter, or gives
 *     it a new URL (the old one stops working); `GET` says whether it is on, `PATCH` stores or
 *     forgets Chatwoot's webhook secret, `DELETE` turns it off;
 *   - for Chatwoot, `POST /api/v1/integrations/chatwoot/:token` takes its webhook deliveries.
 *     The token is the credential: a wrong one is 404, as if the route did not exist.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import {
  CHATWOOT_EVENTS,
  ZChatwootDelivered,
  ZChatwootEnable,
  ZChatwootEnabledView,
  ZChatwootIntegrationView,
  ZChatwootPatch,
  type ChatwootDelivered,
  type ChatwootEnabledView,
  type ChatwootIntegrationView,
} from '../../shared/integrations';
import { LIMITS } from '../../shared/limits';
import { ZFact } from '../../shared/facts';
import { randomToken, sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import { mapChatwootPayload } from '../integrations/chatwoot/mapping';
import { READ_EVENTS, ZChatwootPayload } from '../integrations/chatwoot/payload';
import { settleReopens } from '../integrations/chatwoot/reopens';
import { checkChatwootSignature } from '../integrations/chatwoot/signature';
import type { Logger } from '../logger';
import type { Pipeline } from '../pipeline/pipeline';
import type { Integration } from '../storage/integrations';
import type { Store } from '../storage/store';
import { apiRoute } from '../openapi/route';
import { siteAccess, type AccessDeps } from './caller';
import { parseBody } from './validate';

export interface IntegrationRouteDeps extends AccessDeps {
  pipeline: Pipeline;
  clock: Clock;
  log: Logger;
  publicUrl: string;
}

const WEBHOOK_PATH = '/api/v1/integrations/chatwoot';

/** The secret at the end of a webhook URL (`randomToken(32)`: base64url). */
const ZToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

const ADMIN = ['adminToken', 'session'] as const;
const SITE_PATH = '/api/v1/sites/:siteId/integrations/chatwoot';
const VIEW_EXAMPLE = {
  enabled: true,
  events: [...CHATWOOT_EVENTS],
  secretSet: false,
  urlCreatedAt: '2026-11-30T09:00:00.000Z',
};

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const INTEGRATION_API = {
  enableChatwoot: apiRoute({
    method: 'post',
    path: SITE_PATH,
    tag: 'Integrations',
    summary: 'Enable Chatwoot, or make a new URL',
    description:
      "Gives the site a webhook URL for Chatwoot, shown this once; again, a new one (the old one stops working at once). The body may be left out: `secret` stores Chatwoot's webhook secret at the same time, `null` forgets it, absent keeps the stored one. docs/integrations/chatwoot.md.",
    auth: ADMIN,
    body: ZChatwootEnable,
    bodyExample: { secret: 'Lq8fN2xv7TzR4pWm' },
    responses: {
      201: {
        description: 'The adapter, with its URL (shown this once: only its hash is kept).',
        schema: ZChatwootEnabledView,
        example: {
          ...VIEW_EXAMPLE,
          secretSet: true,
          url: 'https://peakend.example.com/api/v1/integrations/chatwoot/qmxP0-xl9D00XTPQg_VGNWkqtviAk5WkDlHAQP6SABc',
        },
      },
    },
  }),
  chatwoot: apiRoute({
    method: 'get',
    path: SITE_PATH,
    tag: 'Integrations',
    summary: 'Whether Chatwoot is enabled',
    description: 'Never its URL, whose token only enabling shows.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The adapter.',
        schema: ZChatwootIntegrationView,
        example: VIEW_EXAMPLE,
      },
    },
  }),
  changeChatwoot: apiRoute({
    method: 'patch',
    path: SITE_PATH,
    tag: 'Integrations',
    summary: "Store or forget Chatwoot's webhook secret",
    description:
      'With a secret stored, a delivery whose `X-Chatwoot-Signature` does not match, or whose `X-Chatwoot-Timestamp` is more than five minutes from now, is refused. The URL stays.',
    auth: ADMIN,
    body: ZChatwootPatch,
    bodyExample: { secret: 'Lq8fN2xv7TzR4pWm' },
    responses: {
      200: {
        description: 'The adapter as it is now.',
        schema: ZChatwootIntegrationView,
        example: { ...VIEW_EXAMPLE, secretSet: true },
      },
    },
    refusals: { 404: 'No such site, or Chatwoot is not enabled for it.' },
  }),
  disableChatwoot: apiRoute({
    method: 'delete',
    path: SITE_PATH,
    tag: 'Integrations',
    summary: 'Disable Chatwoot',
    description: 'Its URL answers 404 from then on; what it brought stays.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The adapter, disabled.',
        schema: ZChatwootIntegrationView,
        example: { ...VIEW_EXAMPLE, enabled: false, urlCreatedAt: null },
      },
    },
  }),
  receiveChatwoot: apiRoute({
    method: 'post',
    path: `${WEBHOOK_PATH}/:token`,
    tag: 'Integrations',
    summary: "Chatwoot's webhook deliveries",
    description:
      'For Chatwoot: the URL enabling gave, token and all, is the credential. Only the fields the adapter reads are checked; an event it does not read, or a payload it does not understand, is answered 200 with `skipped` (and logged) so Chatwoot does not send it again. With a webhook secret stored, the signature headers are required. docs/integrations/chatwoot.md.',
    auth: [],
    params: z.object({
      token: ZToken.meta({ description: 'The secret token at the end of the URL enabling gave.' }),
    }),
    headers: z.object({
      'x-chatwoot-signature': z
        .string()
        .optional()
        .meta({ description: '`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`.' }),
      'x-chatwoot-timestamp': z
        .string()
        .optional()
        .meta({ description: 'Epoch seconds; more than five minutes from now is refused.' }),
    }),
    body: ZChatwootPayload,
    bodyExample: {
      event: 'message_created',
      id: 48213,
      content: 'Your refund is on its way.',
      created_at: '2026-11-30T09:14:03.120Z',
      message_type: 'outgoing',
      content_type: 'text',
      content_attributes: {},
      private: false,
      sender: { id: 7, name: 'Anna Jansen', email: 'anna@northwind.example', type: 'user' },
      account: { id: 1, name: 'Northwind' },
      inbox: { id: 3, name: 'Website' },
      conversation: {
        id: 1042,
        inbox_id: 3,
        status: 'open',
        created_at: 1796029800,
        updated_at: 1796029843.12,
        timestamp: 1796029843,
        messages: [],
        meta: {
          sender: { name: 'Sam Lee', email: 'sam@customer.example' },
          assignee: { id: 7, name: 'Anna Jansen', type: 'user' },
        },
      },
    },
    responses: {
      200: {
        description: 'Taken (or skipped, with `skipped` saying why).',
        schema: ZChatwootDelivered,
        example: { accepted: 1, duplicates: 0, held: 0 },
      },
    },
    refusals: {
      400: 'The body is not JSON.',
      401: 'A secret is stored and the signature does not match, or the timestamp is too far from now.',
      404: 'No such URL: a wrong, rotated or disabled token.',
      413: 'More than a delivery may carry.',
    },
  }),
};

const view = (integration: Integration | null): ChatwootIntegrationView => ({
  enabled: integration !== null,
  events: [...CHATWOOT_EVENTS],
  secretSet: integration?.secret != null,
  urlCreatedAt: integration ? new Date(integration.createdAt).toISOString() : null,
});

/** The admin routes (after the JSON body parser). */
export function integrationRoutes(deps: IntegrationRouteDeps): Router {
  const { store, clock, publicUrl } = deps;
  const router = express.Router();

  router.post(INTEGRATION_API.enableChatwoot.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const input = parseBody(INTEGRATION_API.enableChatwoot.body, req.body);
    const before = await store.getIntegration(site.id, 'chatwoot');
    // The token is shown once, here; only its hash is kept.
    const token = randomToken(32);
    const integration: Integration = {
      siteId: site.id,
      kind: 'chatwoot',
      tokenHash: sha256(token),
      secret: input.secret === undefined ? (before?.secret ?? null) : input.secret,
      createdAt: clock.now(),
    };
    await store.saveIntegration(integration);
    const enabled: ChatwootEnabledView = {
      ...view(integration),
      url: `${publicUrl.replace(/\/$/, '')}${WEBHOOK_PATH}/${token}`,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(enabled);
  });

  router.get(INTEGRATION_API.chatwoot.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    res.setHeader('Cache-Control', 'no-store');
    res.json(view(await store.getIntegration(site.id, 'chatwoot')));
  });

  router.patch(INTEGRATION_API.changeChatwoot.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const { secret } = parseBody(INTEGRATION_API.changeChatwoot.body, req.body);
    if (!(await store.setIntegrationSecret(site.id, 'chatwoot', secret))) {
      throw new Refusal('not_found', 'Chatwoot is not enabled for this site: enable it first.');
    }
    res.json(view(await store.getIntegration(site.id, 'chatwoot')));
  });

  router.delete(INTEGRATION_API.disableChatwoot.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    await store.deleteIntegration(site.id, 'chatwoot');
    res.json(view(null));
  });

  return router;
}

const ZEnvelope = z.looseObject({ event: z.string().max(100) });

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Chatwoot's deliveries (before the JSON body parser: a signature is over the raw bytes).
 * Whatever it sends that the adapter does not read is answered 200 and logged as skipped, so
 * Chatwoot does not send it again and again.
 */
export function chatwootWebhookRoutes(store: Store, pipeline: Pipeline, clock: Clock, log: Logger) {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: LIMITS.httpBodyBytes });

  router.post(INTEGRATION_API.receiveChatwoot.path, raw, async (req, res) => {
    const unknown = () => new Refusal('not_found', `No route for POST ${WEBHOOK_PATH}/[redacted]`);
    const token = ZToken.safeParse(req.params.token);
    if (!token.success) throw unknown();
    const integration = await store.findIntegrationByTokenHash(sha256(token.data));
    if (!integration || integration.kind !== 'chatwoot') throw unknown();
    const site = await store.getSite(integration.siteId);
    if (!site) throw unknown();

    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (integration.secret !== null) {
      const check = checkChatwootSignature(
        integration.secret,
        {
          signature: header(req, 'x-chatwoot-signature'),
          timestamp: header(req, 'x-chatwoot-timestamp'),
        },
        body,
        clock.now(),
      );
      if (check !== 'valid') {
        log.warn('chatwoot delivery refused', { siteId: site.id, signature: check });
        throw new Refusal(
          'unauthorized',
          check === 'stale'
            ? 'X-Chatwoot-Timestamp is too far from now: a late or replayed delivery.'
            : 'The X-Chatwoot-Signature does not match the webhook secret stored in Peakend.',
        );
      }
    }

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new Refusal('invalid', 'The request body is not valid JSON.');
    }
    const skip = (reason: string) => {
      log.info('chatwoot payload skipped', { siteId: site.id, reason });
      const answer: ChatwootDelivered = { accepted: 0, duplicates: 0, skipped: reason };
      res.status(200).json(answer);
    };
    const envelope = ZEnvelope.safeParse(json);
    if (!envelope.success) return skip('no event');
    const { event } = envelope.data;
    if (!READ_EVENTS.has(event)) return skip(`event ${event} is not read`);
    const payload = INTEGRATION_API.receiveChatwoot.body.safeParse(json);
    if (!payload.success) {
      const first = payload.error.issues[0];
      return skip(`${event}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'not understood'}`);
    }

    const mapping = mapChatwootPayload(payload.data);
    const facts = z.array(ZFact).safeParse(mapping.facts);
    if (!facts.success) return skip(`${event}: its facts are not valid`);
    const recorded =
      facts.data.length > 0
        ? await pipeline.record(site, facts.data)
        : { accepted: [], duplicates: 0 };
    let reopened = 0;
    for (const { conversationId, factId, at } of mapping.reopens) {
      reopened += await settleReopens(store, pipeline, site, conversationId, { factId, at });
    }
    for (const conversationId of new Set(mapping.answered)) {
      reopened += await settleReopens(store, pipeline, site, conversationId);
    }
    if (mapping.skipped.length > 0) {
      log.info('chatwoot payload partly skipped', {
        siteId: site.id,
        event,
        reasons: mapping.skipped,
      });
    }
    const answer: ChatwootDelivered = {
      accepted: recorded.accepted.length + reopened,
      duplicates: recorded.duplicates,
      held: mapping.reopens.length,
      ...(mapping.skipped.length > 0 && { skipped: mapping.skipped.join('; ') }),
    };
    res.status(200).json(answer);
  });

  return router;
}
