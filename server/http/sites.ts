/**
 * The sites API: create a site and get its key and snippet; list, read and change sites (name,
 * allowed origins, scoring settings); rotate a site's key, at once or with a grace period, and
 * end a grace period. For the admin token, or a console session of the site's admins (any admin
 * may create a site, and becomes its first admin).
 */
import express, { type Router } from 'express';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  MAX_KEY_GRACE_HOURS,
  ZKeyRotation,
  ZNewSite,
  ZSitePatch,
  type NewSiteView,
  type RotatedKey,
  type SiteView,
} from '../../shared/sites';
import { embedSnippet } from '../../shared/snippet';
import { HOUR, iso, isoOrNull } from '../../shared/time';
import { may } from '../auth/roles';
import { siteSigningSecret } from '../auth/signing';
import { previousKeyAt } from '../auth/site-keys';
import type { Sessions } from '../auth/sessions';
import { newAgentId, newSiteId } from '../auth/ids';
import { randomToken, sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { VisitorSockets } from '../live/access';
import type { Pipeline } from '../pipeline/pipeline';
import type { Site, Store } from '../storage/store';
import { requireAdmin } from './bearer';
import { requireSignedIn, siteAccess, siteCreator } from './caller';
import { parseBody } from './validate';
import { apiRoute } from '../openapi/route';
import { ZNewSiteView, ZRotatedKey, ZSiteView } from '../openapi/views';
import { z } from 'zod';

const SITE_EXAMPLE = {
  siteId: 'site_3kT9qzXw',
  name: 'Northwind',
  allowedOrigins: ['https://shop.example'],
  settings: { ...DEFAULT_SETTINGS, targetReplySeconds: 60 },
  createdAt: '2026-11-23T10:00:00.000Z',
  snippet: embedSnippet({ publicUrl: 'https://chat.example', siteId: 'site_3kT9qzXw' }),
  signingSecret: 'Xq3vN8c1yLr0aT5bWk2mJd7hPs4eGu9f',
  previousKeyUntil: null,
};
const ADMIN = ['adminToken', 'session'] as const;

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const SITE_API = {
  create: apiRoute({
    method: 'post',
    path: '/api/v1/sites',
    tag: 'Sites',
    summary: 'Create a site',
    description:
      'Answers with the site key, shown this once. A signed-in admin of any site may create one, and becomes its first admin.',
    auth: ADMIN,
    body: ZNewSite,
    bodyExample: {
      name: 'Northwind',
      allowedOrigins: ['https://shop.example'],
      settings: { targetReplySeconds: 60 },
    },
    responses: {
      201: {
        description: 'The new site, with its key.',
        schema: ZNewSiteView,
        example: { ...SITE_EXAMPLE, key: 'pk_Zr8kq2LmN4xV7bT1cW9yF3hJ6pD0sG5a' },
      },
    },
  }),
  list: apiRoute({
    method: 'get',
    path: '/api/v1/sites',
    tag: 'Sites',
    summary: 'List sites',
    description:
      'Every site for the admin token; the sites the signed-in person administers for a session.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The sites, without keys.',
        schema: z.object({ sites: z.array(ZSiteView) }),
        example: { sites: [SITE_EXAMPLE] },
      },
    },
  }),
  read: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId',
    tag: 'Sites',
    summary: 'Read a site',
    auth: ADMIN,
    responses: {
      200: { description: 'The site, without its key.', schema: ZSiteView, example: SITE_EXAMPLE },
    },
  }),
  change: apiRoute({
    method: 'patch',
    path: '/api/v1/sites/:siteId',
    tag: 'Sites',
    summary: 'Change a site',
    description: 'Any of `name`, `allowedOrigins` and `settings`; only the settings given change.',
    auth: ADMIN,
    body: ZSitePatch,
    bodyExample: { settings: { halfLifeDays: 14 } },
    responses: {
      200: {
        description: 'The whole site as it is now, without its key.',
        schema: ZSiteView,
        example: { ...SITE_EXAMPLE, settings: { ...SITE_EXAMPLE.settings, halfLifeDays: 14 } },
      },
    },
  }),
  rotateKey: apiRoute({
    method: 'post',
    path: '/api/v1/sites/:siteId/key',
    tag: 'Sites',
    summary: "Rotate a site's key",
    description: `The signing secret is derived from the key, so it changes too. Without a body (or with \`graceHours: 0\`), the old key, the signatures made with the old signing secret and every visitor token issued before stop working at once, and connected visitors are disconnected. With \`graceHours\` (whole hours, up to ${MAX_KEY_GRACE_HOURS}), all of them keep working until the grace period ends, so your servers can switch to the new key and secret first; end it sooner with \`DELETE /api/v1/sites/{siteId}/key/previous\`. A rotation during a grace period revokes the key kept by the earlier one at once: only the key being replaced is kept. docs/security.md.`,
    auth: ADMIN,
    body: ZKeyRotation,
    bodyExample: { graceHours: 24 },
    responses: {
      200: {
        description: 'The new key, shown this once, and the new signing secret.',
        schema: ZRotatedKey,
        example: {
          siteId: 'site_3kT9qzXw',
          key: 'pk_Qw2eR4tY6uI8oP0aS1dF3gH5jK7lZ9xC',
          signingSecret: 'Lm5nB7vC9xZ1aS3dF5gH7jK9lQ2wE4rT',
          previousKeyUntil: '2026-11-24T10:00:00.000Z',
        },
      },
    },
  }),
  revokePreviousKey: apiRoute({
    method: 'delete',
    path: '/api/v1/sites/:siteId/key/previous',
    tag: 'Sites',
    summary: 'End a grace period: revoke the previous key now',
    description:
      'The key a rotation kept, the signatures made with its signing secret and the visitor tokens issued under it stop working at once, and the visitors still connected with them are disconnected. Answers the same when no grace period runs (there is nothing left to revoke).',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The site as it is now, without a previous key.',
        schema: ZSiteView,
        example: SITE_EXAMPLE,
      },
    },
  }),
};

export interface SiteRouteDeps {
  store: Store;
  sessions: Sessions;
  pipeline: Pipeline;
  /** Ends the site's visitor sockets when a key (and so its visitor tokens) is revoked. */
  visitorSockets: VisitorSockets;
  clock: Clock;
  publicUrl: string;
  adminTokenHash: string | null;
}

/** A new site key: shown once, kept only as its hash. */
const newSiteKey = () => `pk_${randomToken(24)}`;

export function siteRoutes(deps: SiteRouteDeps): Router {
  const { store, sessions, pipeline, clock, publicUrl, adminTokenHash } = deps;
  const router = express.Router();

  const describe = async (site: Site): Promise<SiteView> => ({
    siteId: site.id,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    settings: site.settings,
    createdAt: new Date(site.createdAt).toISOString(),
    snippet: embedSnippet({ publicUrl, siteId: site.id }),
    signingSecret: siteSigningSecret(await store.secret('site-signing'), site),
    // When the grace period ends, never the previous key itself (nor its secret).
    previousKeyUntil: isoOrNull(previousKeyAt(site, clock.now())?.until ?? null),
  });

  router.post(SITE_API.create.path, async (req, res) => {
    const caller = await siteCreator(req, deps);
    const input = parseBody(SITE_API.create.body, req.body);
    const key = newSiteKey();
    const now = clock.now();
    const site: Site = {
      id: newSiteId(),
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      settings: { ...DEFAULT_SETTINGS, ...input.settings },
      keyHash: sha256(key),
      createdAt: now,
    };
    await store.createSite(site);
    if (caller.kind === 'member') {
      // An admin who creates a site administers it: they join its team as its first admin.
      const { account } = caller.signedIn;
      await store.saveAgent({
        siteId: site.id,
        id: newAgentId(),
        name: account.name,
        role: 'admin',
        accountId: account.id,
        email: account.email,
        createdAt: now,
      });
    }
    // The key is shown once, here; only its hash is kept.
    const created: NewSiteView = { ...(await describe(site)), key };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  /** The admin token: every site. A session: the sites its person administers. */
  router.get(SITE_API.list.path, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (req.headers.authorization !== undefined) {
      requireAdmin(req, adminTokenHash);
      res.json({ sites: await Promise.all((await store.listSites()).map(describe)) });
      return;
    }
    const { account } = await requireSignedIn(req, sessions);
    const administered = (await store.membershipsOf(account.id)).filter((m) =>
      may(m.role, 'administer'),
    );
    const sites = await Promise.all(administered.map((m) => store.getSite(m.siteId)));
    res.json({
      sites: await Promise.all(sites.flatMap((site) => (site ? [describe(site)] : []))),
    });
  });

  router.get(SITE_API.read.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await describe(site));
  });

  router.patch(SITE_API.change.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const patch = parseBody(SITE_API.change.body, req.body);
    const updated: Site = {
      ...site,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.allowedOrigins !== undefined && { allowedOrigins: patch.allowedOrigins }),
      settings: { ...site.settings, ...patch.settings },
    };
    // Every node's live scores hear of it and build the site's board again (H and λ).
    await pipeline.updateSite(updated);
    // Retention and opening hours shape no evidence: changing only them derives nothing again.
    const shaping = Object.keys(patch.settings ?? {}).filter(
      (key) => key !== 'retentionDays' && key !== 'openingHours',
    );
    if (shaping.length > 0) {
      // T, k and the windows shape each conversation's evidence: derive again.
      await pipeline.rederive(updated);
    }
    res.json(await describe(updated));
  });

  /**
   * A new key for the site. Only its hash is kept, and with it goes the signing secret derived
   * from the old one (and every signature made with it) and every visitor token issued before
   * (they are bound to the key's hash, see auth/tokens.ts), so a key that leaked is worthless:
   *   - at once, without a grace period: connected visitors are disconnected and start anew at
   *     their next connection;
   *   - with one, when it ends (auth/site-keys.ts; the socket of a visitor still on the old key
   *     ends at its next event), or when an admin revokes it (below). Visitors stay connected.
   * A rotation during a grace period keeps only the key it replaces: the older one goes now.
   */
  router.post(SITE_API.rotateKey.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const { graceHours = 0 } = parseBody(SITE_API.rotateKey.body, req.body);
    const key = newSiteKey();
    const graceUntil = graceHours > 0 ? clock.now() + graceHours * HOUR : null;
    const change = await pipeline.rotateKey(site.id, sha256(key), graceUntil);
    if (!change) throw new Refusal('not_found', `There is no site "${site.id}".`);
    // Kept only if the site had a key to keep (one without is rotated at once).
    const previous = previousKeyAt(change.site, clock.now());
    if (!previous) deps.visitorSockets.keyRotated(site.id);
    else if (change.revoked !== null) deps.visitorSockets.keyRevoked(site.id, change.revoked);
    res.setHeader('Cache-Control', 'no-store');
    const rotated: RotatedKey = {
      siteId: site.id,
      key,
      signingSecret: siteSigningSecret(await store.secret('site-signing'), change.site),
      ...(previous && { previousKeyUntil: iso(previous.until) }),
    };
    res.json(rotated);
  });

  /**
   * "Revoke now": ends the grace period. The previous key, its signatures and its visitor tokens
   * stop at once, and the visitor sockets vouched for under it end (they connect again, and
   * start anew unless they already hold a token under the current key).
   */
  router.delete(SITE_API.revokePreviousKey.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const change = await pipeline.revokePreviousKey(site.id);
    if (!change) throw new Refusal('not_found', `There is no site "${site.id}".`);
    if (change.revoked !== null) deps.visitorSockets.keyRevoked(site.id, change.revoked);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await describe(change.site));
  });

  return router;
}
