/**
 * Keyset cursors of the paged APIs: where a page goes on, as an opaque token holding the sort
 * key of the last item of the page before (a time, then an id). Parsed by zod like any input: a
 * token this server did not give is a 400 that says so.
 */
import { z } from 'zod';
import { ZId } from '../../shared/facts';

/** The sort key a page ended at: a time (ms), then an id. */
export interface Place {
  at: number;
  id: string;
}

export function encodePlace({ at, id }: Place): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

const ZPlaceTuple = z.tuple([z.number().int().nonnegative(), ZId]);

/** A cursor parameter; `what` names the list in the error ("this feed", "this list"). */
export const ZCursorOf = (what: string) =>
  z.string().transform((text, ctx): Place => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const place = ZPlaceTuple.safeParse(parsed);
    if (place.success) return { at: place.data[0], id: place.data[1] };
    ctx.addIssue({ code: 'custom', message: `is not a cursor ${what} gave (use its 'next')` });
    return z.NEVER;
  });
