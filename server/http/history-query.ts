/**
 * The history's query string, parsed by zod: filters, a search, a page size and the cursor of
 * the page before. Unknown parameters are refused, as everywhere in the API, so a misspelt one is
 * a 400, not a silently unfiltered answer.
 */
import { z } from 'zod';
import { ZId } from '../../shared/facts';
import { validSegment } from '../../shared/profile';
import { SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS, searchWords } from '../../shared/search';
import type { HistoryPlace, HistoryQuery } from '../storage/store';
import { encodePlace, ZCursorOf } from './cursor';
import { ZWhen } from './rating-query';

export const HISTORY_PAGE = { default: 25, max: 100 } as const;

/** Where a page goes on: the last conversation of the page before, as an opaque token. */
export const encodeHistoryCursor = (place: HistoryPlace): string =>
  encodePlace({ at: place.lastActivityAt, id: place.conversationId });

const ZCursor = ZCursorOf('this list').transform(({ at, id }): HistoryPlace => ({
  lastActivityAt: at,
  conversationId: id,
}));

const LIMIT_MESSAGE = `must be a whole number from 1 to ${HISTORY_PAGE.max}`;
const ZLimit = z
  .string()
  .regex(/^\d{1,4}$/, LIMIT_MESSAGE)
  .transform(Number)
  .pipe(z.number().min(1, LIMIT_MESSAGE).max(HISTORY_PAGE.max, LIMIT_MESSAGE));

/** `rating=1,2` or `rating=none` or both: the ends (1 to 5) shown, `none` for unrated. */
const ZRatings = z
  .string()
  .regex(
    /^(?:[1-5]|none)(?:,(?:[1-5]|none))*$/,
    'must be ends from 1 to 5 or "none", separated by commas (rating=1,2)',
  )
  .transform((text) => [
    ...new Set(text.split(',').map((part) => (part === 'none' ? ('none' as const) : Number(part)))),
  ]);

/** A segment's name; empty: conversations without one. */
const ZSegmentFilter = z
  .string()
  .refine(
    (text) => text === '' || validSegment(text),
    'must be a segment name, or empty for conversations without one',
  )
  .transform((text) => (text === '' ? null : text));

const ZSearch = z
  .string()
  .max(SEARCH_MAX_LENGTH, `must be at most ${SEARCH_MAX_LENGTH} characters`)
  .transform((text) => searchWords(text))
  .refine((words) => words.length > 0, 'must contain a word (letters or digits)')
  .refine(
    (words) => words.length <= SEARCH_MAX_WORDS,
    `must be at most ${SEARCH_MAX_WORDS} different words`,
  );

export const ZHistoryQuery = z
  .strictObject({
    status: z.enum(['open', 'closed']).optional(),
    agent: ZId.optional(),
    rating: ZRatings.optional(),
    comment: z
      .enum(['true', 'false'], 'must be true or false')
      .transform((text) => text === 'true')
      .optional(),
    segment: ZSegmentFilter.optional(),
    from: ZWhen.optional(),
    to: ZWhen.optional(),
    q: ZSearch.optional(),
    cursor: ZCursor.optional(),
    limit: ZLimit.optional(),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });

export type HistoryParams = z.output<typeof ZHistoryQuery>;

/** The store's query for these parameters, one more than the page to know if another follows. */
export function historyQuery(params: HistoryParams, agentId: string | undefined): HistoryQuery {
  return {
    status: params.status,
    agentId,
    ratings: params.rating,
    comment: params.comment,
    segment: params.segment,
    from: params.from,
    to: params.to,
    words: params.q,
    after: params.cursor,
    limit: (params.limit ?? HISTORY_PAGE.default) + 1,
  };
}
