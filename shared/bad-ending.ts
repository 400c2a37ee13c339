/**
 * What makes a rating one to follow up (issue #11 §1), on its own so the widget can ask for a
 * contact in exactly those cases without bundling the follow-up queue's schemas.
 */
import type { Peak } from './facts';

/** A rating ends badly at or below this face ("Bad"). */
export const BAD_END = 2;

/** A rating needs an item: it ended badly, or what stood out was bad. */
export const ratingNeedsFollowup = (end: number, peak: Peak | null | undefined): boolean =>
  end <= BAD_END || peak?.polarity === 'negative';
