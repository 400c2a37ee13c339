/**
 * Data deletion (decisions.md, "Data deletion"): what people wrote, and what says who they are,
 * is taken out of a stored fact, while its id, type, times, ids and scored parts stay. Scores are
 * derived from those alone, so a redacted conversation keeps every observation it had.
 *
 * Taken out: message and promise texts, rating comments, contact details (from the opening or
 * the rating card), identity attributes, and the pages of the visit (URL, title, referrer). Kept:
 * the segment (a group, not a person; segment insights count it), the visit's language, time
 * zone and device class (no one is known by them), ratings' ends and chips.
 */
import type { Fact } from './facts';

/** A copy of `value` without `keys`. */
function without<T extends object>(value: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as T;
}

/** The fact as kept after deletion: the same fact when it held nothing to take out. */
export function redactFact(fact: Fact): Fact {
  switch (fact.type) {
    case 'message':
    case 'promise.made':
      return fact.text === undefined ? fact : without(fact, ['text']);
    case 'rating':
      return fact.comment === undefined && fact.contact === undefined
        ? fact
        : without(fact, ['comment', 'contact']);
    case 'conversation.opened': {
      const { attributes, contact, visit } = fact;
      const pages = visit && (visit.pageUrl ?? visit.pageTitle ?? visit.referrer) !== undefined;
      if (attributes === undefined && contact === undefined && !pages) return fact;
      const kept = without(fact, ['attributes', 'contact', 'visit']);
      const rest = visit && without(visit, ['pageUrl', 'pageTitle', 'referrer']);
      return rest && Object.keys(rest).length > 0 ? { ...kept, visit: rest } : kept;
    }
    default:
      return fact;
  }
}

/** Whether deletion would change the fact (it still holds something to take out). */
export const holdsPersonalData = (fact: Fact): boolean => redactFact(fact) !== fact;
