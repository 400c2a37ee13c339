/**
 * Searching conversations by what was written in them (messages and rating comments): how a
 * search box's text becomes words, and the short excerpt shown for a match. Both stores match
 * whole words only (server/storage/search.ts): a word is a run of letters and digits, so the text
 * typed is never passed to the database as query syntax, whatever its quotes, operators or
 * brackets; case does not matter, accents do.
 */

/** Longest search text accepted, in characters. */
export const SEARCH_MAX_LENGTH = 200;
/** Most words in one search: each narrows it, and each costs the database an index probe. */
export const SEARCH_MAX_WORDS = 12;

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The distinct words of a search, lowercased, in the order typed (NFC, so an accent typed as a
 * separate mark matches the stored letter). Empty when the text has no letter or digit.
 */
export function searchWords(text: string): string[] {
  const words = text.normalize('NFC').toLowerCase().match(WORD) ?? [];
  return [...new Set(words)];
}

/** Characters of context on each side of the first matching word in an excerpt. */
const CONTEXT = 60;

/**
 * An excerpt of `text` around the first of `words` that appears in it as a whole word (or its
 * start, when none does, e.g. a word matched only after a store's case folding), with "…" where
 * it was cut.
 */
export function excerpt(text: string, words: readonly string[]): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = -1;
  for (const match of lower.matchAll(WORD)) {
    if (words.includes(match[0])) {
      at = match.index;
      break;
    }
  }
  const start = at <= CONTEXT ? 0 : flat.lastIndexOf(' ', at - CONTEXT) + 1 || at - CONTEXT;
  const end = Math.min(flat.length, Math.max(at, 0) + CONTEXT * 2);
  const stop =
    end >= flat.length
      ? flat.length
      : flat.lastIndexOf(' ', end) > at
        ? flat.lastIndexOf(' ', end)
        : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, stop)}${stop < flat.length ? '…' : ''}`;
}
