/**
 * The visitor's rating of a closed conversation: how it ended, what stood out, their words. A
 * rating that counts for nobody (scoring.md, integrity rules) shows apart, greyed and dashed, with
 * why it was set aside, so it is never taken for the one that counts.
 */
import type { AgentConversationView } from '../../../shared/protocol';
import { clockTime } from '../format';
import { endLabel, endTone, peakLabel } from '../peaks';
import { AlertIcon, Face } from './icons';

/**
 * A question of the card the visitor has not answered (yet: they may come back to it), told
 * apart from "Nothing in particular", which is an answer.
 */
const NOT_ANSWERED = 'Not answered';

interface Props {
  rating: NonNullable<AgentConversationView['rating']>;
  now: number;
  /**
   * Given before the visitor reopened the chat: it tells how things stood then. It is not asked
   * again once its change window has passed (decisions.md, after a reopen).
   */
  beforeReopening?: boolean;
}

export function RatingSummary({ rating, now, beforeReopening = false }: Props) {
  const amendable = Date.parse(rating.amendableUntil) > now;
  return (
    <section
      class={`rating rating--${endTone(rating.end)}${beforeReopening ? ' rating--before' : ''}`}
      aria-label={beforeReopening ? "Visitor's rating before reopening" : "Visitor's rating"}
    >
      {beforeReopening && (
        <p class="rating-before">Before reopening: the visitor then said it wasn’t solved</p>
      )}
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
            {rating.peakAnswered ? (
              <span class={`peak-chip peak-chip--${rating.peak ? rating.peak.polarity : 'none'}`}>
                {peakLabel(rating.peak)}
              </span>
            ) : (
              <span class="muted">{NOT_ANSWERED}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Comment</dt>
          <dd>
            {rating.comment ? (
              <blockquote class="rating-comment">{rating.comment}</blockquote>
            ) : (
              <span class="muted">{rating.finished ? 'No comment' : NOT_ANSWERED}</span>
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

type SetAside = NonNullable<AgentConversationView['setAsideRating']>;

/** Why a rating counts for nobody: a headline, and one plain sentence. */
const SET_ASIDE: Record<SetAside['reason'], { title: string; about: string }> = {
  member: {
    title: 'Excluded: a team member’s address',
    about:
      'Given from an address a team member signed in from in the last 24 hours, or with a team member’s email. Kept, but it counts for nobody.',
  },
  flood: {
    title: 'Excluded: too many ratings from one address',
    about: 'Over the limit of ratings from one address. Kept, but it counts for nobody.',
  },
  unanswered: {
    title: 'Unanswered: no agent had replied',
    about:
      'Given before any agent wrote in this conversation, so it rates nobody. The visitor’s wait still counts.',
  },
};

export function SetAsideRatingSummary({ rating, now }: { rating: SetAside; now: number }) {
  const { title, about } = SET_ASIDE[rating.reason];
  return (
    <section class="rating rating--set-aside" aria-label="Rating set aside">
      <p class="rating-set-aside-reason">
        <AlertIcon />
        <strong>{title}</strong>
      </p>
      <p class="rating-set-aside-about muted">{about}</p>
      <dl class="rating-details">
        <div>
          <dt>How it ended</dt>
          <dd class="rating-set-aside-end">
            <Face end={rating.end} size={20} />
            {rating.end}/5 · {endLabel(rating.end)}
          </dd>
        </div>
        <div>
          <dt>What stood out</dt>
          <dd>
            {rating.peakAnswered ? (
              <span class="peak-chip">{peakLabel(rating.peak)}</span>
            ) : (
              <span class="muted">{NOT_ANSWERED}</span>
            )}
          </dd>
        </div>
        {rating.comment && (
          <div>
            <dt>Comment</dt>
            <dd>
              <blockquote class="rating-comment">{rating.comment}</blockquote>
            </dd>
          </div>
        )}
      </dl>
      <p class="rating-foot muted">Rated {clockTime(rating.at, now)} · counts for nobody</p>
    </section>
  );
}
