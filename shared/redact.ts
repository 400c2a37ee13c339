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

/** The fact as kept after deletion: the same fact when it held nothing to take out. */
export function redactFact(fact: Fact): Fact {
  switch (fact.type) {
    case 'message':
    case 'promise.made': {
      if (fact.text === undefined) return fact;
      const { text: _text, ...kept } = fact;
      return kept;
    }
    case 'rating': {
      if (fact.comment === undefined && fact.contact === undefined) return fact;
      const { comment: _comment, contact: _contact, ...kept } = fact;
      return kept;
    }
    case 'conversation.opened': {
      const { attributes, contact, visit } = fact;
      const pages = visit && (visit.pageUrl ?? visit.pageTitle ?? visit.referrer) !== undefined;
      if (attributes === undefined && contact === undefined && !pages) return fact;
      const { attributes: _attributes, contact: _contact, visit: _visit, ...kept } = fact;
      if (!visit) return kept;
      const { pageUrl: _url, pageTitle: _title, referrer: _referrer, ...rest } = visit;
      return Object.keys(rest).length > 0 ? { ...kept, visit: rest } : kept;
    }
    default:
      return fact;
  }
}

/** Whether deletion would change the fact (it still holds something to take out). */
export const holdsPersonalData = (fact: Fact): boolean => redactFact(fact) !== fact;
