/** The visitor's rating of a closed conversation: how it ended, what stood out, their words. */
import type { AgentConversationView } from '../../../shared/protocol';
import { clockTime } from '../format';
import { endLabel, endTone, peakLabel } from '../peaks';
import { Face } from './icons';

interface Props {
  rating: NonNullable<AgentConversationView['rating']>;
  now: number;
}

export function RatingSummary({ rating, now }: Props) {
  const amendable = Date.parse(rating.amendableUntil) > now;
  return (
    <section class={`rating rating--${endTone(rating.end)}`} aria-label="Visitor's rating">
      <div class="rating-end">
        <Face end={rating.end} size={36} />
        <div>
          <div class="rating-score">
            {rating.end}
            <span class="rating-of">/5</span>
          </div>
          <div class="rating-label">{endLabel(rating.end)}</div>
        </div>
      </div>
      <dl class="rating-details">
        <div>
          <dt>What stood out</dt>
          <dd>
            <span class={`peak-chip peak-chip--${rating.peak ? rating.peak.polarity : 'none'}`}>
              {peakLabel(rating.peak)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Comment</dt>
          <dd>
            {rating.comment ? (
              <blockquote class="rating-comment">{rating.comment}</blockquote>
            ) : (
              <span class="muted">No comment</span>
            )}
          </dd>
        </div>
      </dl>
      <p class="rating-foot muted">
        Rated {clockTime(rating.at, now)}
        {rating.agent ? ` · counts for ${rating.agent.name}` : ''}
        {amendable
          ? ` · the visitor may change it until ${clockTime(rating.amendableUntil, now)}`
          : ''}
      </p>
    </section>
  );
}
