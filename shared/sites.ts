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

/** Addresses of the admin's own machine, served over plain http in development. */
const LOCAL_HOST = /^(localhost|[^/:]+\.localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i;

/**
 * An origin as a person may type it, written as browsers send it: "localhost:4260" becomes
 * "http://localhost:4260" (https for any other host), "https://Shop.example/" becomes
 * "https://shop.example". Text that is no origin even so (a path, a query) comes back trimmed,
 * for the server to refuse by name.
 */
export function normaliseOrigin(typed: string): string {
  const trimmed = typed.trim();
  let text = trimmed;
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
    text = `${LOCAL_HOST.test(text) ? 'http' : 'https'}://${text}`;
  }
  text = text.replace(/\/+$/, '');
  try {
    const url = new URL(text);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return /^https?:$/.test(url.protocol) && bare && !/[?#]$/.test(text) ? url.origin : trimmed;
  } catch {
    return trimmed;
  }
}

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

/**
 * The longest grace period a rotation may give the key it replaces: a week, time enough to roll
 * a new key out to every server over a weekend, short enough that a forgotten old key dies soon.
 */
export const MAX_KEY_GRACE_HOURS = 168;

/**
 * A key rotation. `graceHours` (whole hours, 0 to a week): how long the key it replaces keeps
 * working, with its signing secret's signatures and the visitor tokens issued under it. Left
 * out, or 0: they stop at once, as a rotation always did; the body itself may be left out.
 */
export const ZKeyRotation = z
  .strictObject({ graceHours: z.number().int().min(0).max(MAX_KEY_GRACE_HOURS).optional() })
  .optional()
  .transform((body) => body ?? {});
export type KeyRotation = z.input<typeof ZKeyRotation>;

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
  /**
   * While a rotation's grace period runs: when it ends (ISO 8601). Until then the key that was
   * rotated out still works, with its signing secret's signatures and its visitor tokens.
   * Null: no grace period runs; only the current key works.
   */
  previousKeyUntil: string | null;
}

/** A new site: with its key, shown this once. */
export type NewSiteView = SiteView & { key: string };

/** A rotated key, shown once. The old one stopped working, or works until `previousKeyUntil`. */
export interface RotatedKey {
  siteId: string;
  key: string;
  /** The signing secret, derived from the key: it has changed with it. */
  signingSecret: string;
  /** Only with a grace period: until when the old key (and what it signed) keeps working. */
  previousKeyUntil?: string;
}
