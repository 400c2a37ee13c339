/**
 * The query strings of the ratings export and the comments feed, parsed by zod: a window of
 * rating times (`from` inclusive, `to` exclusive, so consecutive windows never share a rating),
 * and for the feed an agent, a page size and the cursor of the page before. Unknown parameters
 * are refused, so a misspelt `form=` is a 400, not a silently unfiltered answer.
 */
import { z } from 'zod';
import { ZId } from '../../shared/facts';
import type { RatingPlace } from '../storage/store';
import { encodePlace, ZCursorOf } from './cursor';

/** A date (`2026-11-01`, midnight UTC) or a time with its zone (`2026-11-01T09:00:00+01:00`). */
export const ZWhen = z
  .string()
  .refine(
    (text) =>
      z.iso.date().safeParse(text).success ||
      z.iso.datetime({ offset: true }).safeParse(text).success,
    'must be an ISO-8601 date (2026-11-01) or time with a time zone (2026-11-01T09:00:00Z)',
  )
  .transform((text) => Date.parse(text));

const window = { from: ZWhen.optional(), to: ZWhen.optional() };

/** `from` may not come after `to`. */
export const inOrder = (query: { from?: number; to?: number }) =>
  query.from === undefined || query.to === undefined || query.from <= query.to;
export const IN_ORDER = { message: 'must not be before from', path: ['to'] };

export const ZRatingWindow = z.strictObject(window).refine(inOrder, IN_ORDER);

export const COMMENTS_PAGE = { default: 50, max: 200 } as const;

/** Where a page of the feed goes on: the last rating of the page before, as an opaque token. */
export const encodeCursor = (place: RatingPlace): string =>
  encodePlace({ at: place.at, id: place.conversationId });

const ZCursor = ZCursorOf('this feed').transform(({ at, id }): RatingPlace => ({
  at,
  conversationId: id,
}));

const ZLimit = z
  .string()
  .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${COMMENTS_PAGE.max}`)
  .transform(Number)
  .pipe(
    z
      .number()
      .min(1, `must be a whole number from 1 to ${COMMENTS_PAGE.max}`)
      .max(COMMENTS_PAGE.max, `must be a whole number from 1 to ${COMMENTS_PAGE.max}`),
  );

export const ZCommentsQuery = z
  .strictObject({
    ...window,
    agent: ZId.optional(),
    /** Only ratings whose chip was good (`positive`: the best moments) or bad. */
    peak: z.enum(['positive', 'negative'], { error: 'must be positive or negative' }).optional(),
    cursor: ZCursor.optional(),
    limit: ZLimit.optional(),
  })
  .refine(inOrder, IN_ORDER);
