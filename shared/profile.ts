/**
 * Who the visitor is, as the host page says it: a segment ("business", "trial") and a few
 * attributes (`plan: "pro"`), set with `peakend('set', {...})` or `data-segment`, or sent on
 * `conversation.opened` through the events API. Metadata for insights (which group a
 * conversation belongs to), never an input of any score.
 *
 * Plain checks, without zod, so the widget can use them at little cost: it drops what a page got
 * wrong and says so in the console. The server parses the same rules with zod (ZVisitorProfile).
 */
import { storableText } from './limits';

export const PROFILE_LIMITS = {
  /** Characters of a segment name. */
  segmentLength: 40,
  /** Attributes besides the segment. */
  attributes: 10,
  keyLength: 32,
  valueLength: 100,
} as const;

export interface VisitorProfile {
  segment?: string;
  attributes?: Record<string, string>;
}

/**
 * An attribute's name: a letter, then letters, digits, `_`, `.` or `-`. Never `__proto__` and
 * the like, so a name is always safe as an object key.
 */
const KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export const validSegment = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.trim() === value &&
  value.length > 0 &&
  value.length <= PROFILE_LIMITS.segmentLength &&
  storableText(value);

export const validAttributeKey = (key: string): boolean =>
  key.length <= PROFILE_LIMITS.keyLength && KEY.test(key) && key !== 'segment';

export const validAttributeValue = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= PROFILE_LIMITS.valueLength && storableText(value);

/**
 * What the page gave (`{segment, ...attributes}`, strings only) merged onto `into`; a value of
 * null removes that key. Returns the profile, and the keys left out for breaking the bounds
 * above (the widget names them in the browser console).
 */
export function mergeProfile(
  into: VisitorProfile,
  given: Record<string, unknown>,
): { profile: VisitorProfile; rejected: string[] } {
  const rejected: string[] = [];
  let segment = into.segment;
  const attributes = new Map(Object.entries(into.attributes ?? {}));
  for (const [key, value] of Object.entries(given)) {
    if (key === 'segment') {
      if (value === null) segment = undefined;
      else if (validSegment(value)) segment = value;
      else rejected.push(key);
    } else if (validAttributeKey(key) && value === null) {
      attributes.delete(key);
    } else if (
      validAttributeKey(key) &&
      validAttributeValue(value) &&
      (attributes.has(key) || attributes.size < PROFILE_LIMITS.attributes)
    ) {
      attributes.set(key, value);
    } else {
      rejected.push(key.slice(0, PROFILE_LIMITS.keyLength));
    }
  }
  return {
    profile: {
      ...(segment !== undefined && { segment }),
      ...(attributes.size > 0 && { attributes: Object.fromEntries(attributes) }),
    },
    rejected,
  };
}
