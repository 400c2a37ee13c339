/**
 * Where and how a visitor writes from, for the agent who answers (issue 12, §5): the page and
 * its title, where they came from, their language, time zone and kind of device. The widget
 * sends it with the message that starts a conversation; it is kept on `conversation.opened`.
 *
 * Nothing here identifies a browser: no user agent, screen size, plugins or fonts; the device
 * class comes from the viewport and the pointer. URLs keep scheme, host, path and query, never
 * credentials or the fragment (docs/embedding.md says what is sent and what never is).
 *
 * Two schemas: `ZVisit` refuses anything out of bounds (the events API, where an integrator gets
 * a clear error); `ZVisitFromWidget` tidies what a page gave and drops what cannot be tidied, so
 * an odd page never costs a visitor their first message.
 */
import { z } from 'zod';
import { storableText } from './limits';

export const VISIT_LIMITS = {
  urlLength: 1000,
  titleLength: 200,
  languageLength: 35,
  timeZoneLength: 64,
} as const;

export const DEVICES = ['mobile', 'tablet', 'desktop'] as const;
export type Device = (typeof DEVICES)[number];

export interface Visit {
  /** The page the chat was opened on. */
  pageUrl?: string;
  pageTitle?: string;
  /** The page before it, as the browser tells the host page (often its origin only). */
  referrer?: string;
  /** The browser's language, e.g. `nl-NL`. */
  language?: string;
  /** An IANA time zone, e.g. `Europe/Amsterdam`. */
  timeZone?: string;
  device?: Device;
}

/** A URL as kept: http(s), without credentials or fragment; null when it is none. */
export function tidyUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.username = '';
  url.password = '';
  url.hash = '';
  // Too long with its query: the page without it still says where the visitor was.
  if (url.href.length > VISIT_LIMITS.urlLength) url.search = '';
  return url.href.length > VISIT_LIMITS.urlLength ? null : url.href;
}

/** Control characters and bidirectional overrides: no title needs them. */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

const url = z
  .string()
  .max(VISIT_LIMITS.urlLength)
  .refine((value) => tidyUrl(value) === value, 'must be an http(s) URL without credentials or #');
const title = z
  .string()
  .min(1)
  .max(VISIT_LIMITS.titleLength)
  .refine((value) => storableText(value) && !value.match(CONTROL), 'must be plain text');
const language = z.string().max(VISIT_LIMITS.languageLength).regex(LANGUAGE, 'not a language tag');
const timeZone = z
  .string()
  .max(VISIT_LIMITS.timeZoneLength)
  .regex(TIME_ZONE, 'not a time zone name such as Europe/Amsterdam');
const device = z.enum(DEVICES);

/** The visit as the events API takes it on `conversation.opened`: out of bounds is refused. */
export const ZVisit = z.strictObject({
  pageUrl: url.optional(),
  pageTitle: title.optional(),
  referrer: url.optional(),
  language: language.optional(),
  timeZone: timeZone.optional(),
  device: device.optional(),
}) satisfies z.ZodType<Visit>;

/** What a page gave, at most this long before it is looked at (the socket bounds the rest). */
const given = z.string().max(4 * VISIT_LIMITS.urlLength);

/** A field the widget sent: tidied, then held to `ZVisit`'s rule; dropped when it fails. */
const tidied = (tidy: (value: string) => string | null, rule: z.ZodType<string, string>) =>
  given
    .transform((value) => tidy(value) ?? '')
    .pipe(rule)
    .optional()
    .catch(undefined);

const tidyTitle = (value: string) =>
  value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, VISIT_LIMITS.titleLength) ||
  null;
const asIs = (value: string) => value;

/** The visit as the widget sends it: tidied, bounded, and never a reason to refuse a message. */
export const ZVisitFromWidget = z
  .object({
    pageUrl: tidied(tidyUrl, url),
    pageTitle: tidied(tidyTitle, title),
    referrer: tidied(tidyUrl, url),
    language: tidied(asIs, language),
    timeZone: tidied(asIs, timeZone),
    device: device.optional().catch(undefined),
  })
  .transform((visit): Visit | undefined => {
    const kept = Object.fromEntries(
      Object.entries(visit).filter(([, value]) => value !== undefined),
    ) as Visit;
    return Object.keys(kept).length > 0 ? kept : undefined;
  })
  .optional()
  .catch(undefined);
