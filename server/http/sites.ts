/**
 * The sites API (admin token): create a site and get its key and snippet; read and change its
 * name, allowed origins and scoring settings.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { LIMITS } from '../../shared/limits';
import { DEFAULT_SETTINGS, ZSiteSettingsPatch } from '../../shared/settings';
import { embedSnippet } from '../../shared/snippet';
import { randomToken, sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import type { Scoreboards } from '../scores/scoreboard';
import { Refusal } from '../errors';
import type { Site, Store } from '../storage/store';
import { requireAdmin } from './bearer';
import { parseBody } from './validate';

/** An origin as browsers send it: scheme, host and port, nothing else. */
const ZOrigin = z
  .string()
  .trim()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'must be an origin such as https://shop.example (scheme and host, no path)')
  .transform((value) => new URL(value).origin);

const ZSiteName = z.string().trim().min(1).max(LIMITS.nameLength);
const ZOrigins = z.array(ZOrigin).max(50);

const ZNewSite = z.object({
  name: ZSiteName,
  allowedOrigins: ZOrigins,
  settings: ZSiteSettingsPatch.optional(),
});

const ZSitePatch = z
  .object({
    name: ZSiteName.optional(),
    allowedOrigins: ZOrigins.optional(),
    settings: ZSiteSettingsPatch.optional(),
  })
  .strict();

export function siteRoutes(
  store: Store,
  scoreboards: Scoreboards,
  clock: Clock,
  publicUrl: string,
  adminTokenHash: string | null,
): Router {
  const router = express.Router();

  const describe = (site: Site) => ({
    siteId: site.id,
    name: site.name,
    allowedOrigins: site.allowedOrigins,
    settings: site.settings,
    createdAt: new Date(site.createdAt).toISOString(),
    snippet: embedSnippet({ publicUrl, siteId: site.id }),
  });

  const existing = async (siteId: string) => {
    const site = await store.getSite(siteId);
    if (!site) throw new Refusal('not_found', `No site "${siteId}".`);
    return site;
  };

  router.post('/api/v1/sites', async (req, res) => {
    requireAdmin(req, adminTokenHash);
    const input = parseBody(ZNewSite, req.body);
    const key = `pk_${randomToken(24)}`;
    const site: Site = {
      id: `site_${randomToken(9).replace(/[^A-Za-z0-9]/g, 'x')}`,
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      settings: { ...DEFAULT_SETTINGS, ...input.settings },
      keyHash: sha256(key),
      createdAt: clock.now(),
    };
    await store.createSite(site);
    // The key is shown once, here; only its hash is kept.
    res.status(201).json({ ...describe(site), key });
  });

  router.get('/api/v1/sites/:siteId', async (req, res) => {
    requireAdmin(req, adminTokenHash);
    res.json(describe(await existing(req.params.siteId)));
  });

  router.patch('/api/v1/sites/:siteId', async (req, res) => {
    requireAdmin(req, adminTokenHash);
    const patch = parseBody(ZSitePatch, req.body);
    const site = await existing(req.params.siteId);
    const updated: Site = {
      ...site,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.allowedOrigins !== undefined && { allowedOrigins: patch.allowedOrigins }),
      settings: { ...site.settings, ...patch.settings },
    };
    await store.updateSite(updated);
    if (patch.settings && Object.keys(patch.settings).length > 0) {
      // T, k and the windows shape each conversation's evidence; H and λ the sums: derive again.
      await store.rederiveSite(updated);
      scoreboards.forget(updated.id);
    }
    res.json(describe(updated));
  });

  return router;
}
