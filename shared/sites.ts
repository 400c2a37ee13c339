/**
 * A site as the sites API and the console's admin screens see it: what may be sent to create or
 * change one (parsed by the server), and what comes back.
 */
import { z } from 'zod';
import { ZName } from './facts';
import { LIMITS } from './limits';
import { ZSiteSettingsPatch, type SiteSettings } from './settings';

/** An origin as browsers send it: scheme, host and port, nothing else. */
export const ZOrigin = z
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

export const ZSiteName = ZName;
export const ZOrigins = z.array(ZOrigin).max(LIMITS.originsPerSite);

export const ZNewSite = z.object({
  name: ZSiteName,
  allowedOrigins: ZOrigins,
  settings: ZSiteSettingsPatch.optional(),
});
export type NewSite = z.input<typeof ZNewSite>;

export const ZSitePatch = z
  .object({
    name: ZSiteName.optional(),
    allowedOrigins: ZOrigins.optional(),
    settings: ZSiteSettingsPatch.optional(),
  })
  .strict();
export type SitePatch = z.input<typeof ZSitePatch>;

/** A site as the API answers: never its key, which only its creation and rotation show. */
export interface SiteView {
  siteId: string;
  name: string;
  allowedOrigins: string[];
  settings: SiteSettings;
  createdAt: string;
  /** The embed snippet webmasters paste (shared/snippet.ts). */
  snippet: string;
  /**
   * For the site's own server: signs host-chat rating requests and signed-in users' ids
   * (HMAC-SHA256). Changes when the site key is rotated.
   */
  signingSecret: string;
}

/** A new site: with its key, shown this once. */
export type NewSiteView = SiteView & { key: string };

/** A rotated key: the old one stopped working; this one is shown once. */
export interface RotatedKey {
  siteId: string;
  key: string;
  /** The signing secret, derived from the key: it has changed with it. */
  signingSecret: string;
}
