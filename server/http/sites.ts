/**
 * The sites API: create a site and get its key and snippet; list, read and change sites (name,
 * allowed origins, scoring settings); rotate a site's key. For the admin token, or a console
 * session of the site's admins (any admin may create a site, and becomes its first admin).
 */
import express, { type Router } from 'express';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  ZNewSite,
  ZSitePatch,
  type NewSiteView,
  type RotatedKey,
  type SiteView,
} from '../../shared/sites';
import { embedSnippet } from '../../shared/snippet';
import { may } from '../auth/roles';
import { siteSigningSecret } from '../auth/signing';
import type { Sessions } from '../auth/sessions';
import { newAgentId, newSiteId } from '../auth/ids';
import { randomToken, sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
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
    description:
      'The old key, the old signing secret and every visitor token issued before stop working at once.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The new key, shown this once, and the new signing secret.',
        schema: ZRotatedKey,
        example: {
          siteId: 'site_3kT9qzXw',
          key: 'pk_Qw2eR4tY6uI8oP0aS1dF3gH5jK7lZ9xC',
          signingSecret: 'Lm5nB7vC9xZ1aS3dF5gH7jK9lQ2wE4rT',
        },
      },
    },
  }),
};

export interface SiteRouteDeps {
  store: Store;
  sessions: Sessions;
  pipeline: Pipeline;
  /** Ends the site's visitor sockets when its key (and so every visitor token) is revoked. */
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
   * A new key for the site. The old key stops working at once (only the new hash is kept), and
   * with it the signing secret derived from it (and every signature made with that secret) and
   * every visitor token issued before (they are bound to the key's hash, see auth/tokens.ts), so
   * a key that leaked is worthless from here. Connected visitors are disconnected; they start anew
   * at their next connection.
   */
  router.post(SITE_API.rotateKey.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const key = newSiteKey();
    const updated: Site = { ...site, keyHash: sha256(key) };
    await pipeline.updateSite(updated);
    deps.visitorSockets.keyRotated(site.id);
    res.setHeader('Cache-Control', 'no-store');
    const rotated: RotatedKey = {
      siteId: site.id,
      key,
      signingSecret: siteSigningSecret(await store.secret('site-signing'), updated),
    };
    res.json(rotated);
  });

  return router;
}
