/**
 * The visitor's rating of a closed conversation: how it ended, what stood out, their words. A
 * rating that counts for nobody (scoring.md, integrity rules) shows apart, greyed and dashed, with
 * why it was set aside, so it is never taken for the one that counts.
 */
import type { AgentConversationView } from '../../../shared/protocol';
import { clockTime } from '../format';
import { useT } from '../i18n';
import { endLabel, endTone, peakLabel } from '../peaks';
import { AlertIcon, Face } from './icons';

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
  const t = useT();
  const words = t.live.rating;
  const amendable = Date.parse(rating.amendableUntil) > now;
  return (
    <section
      class={`rating rating--${endTone(rating.end)}${beforeReopening ? ' rating--before' : ''}`}
      aria-label={beforeReopening ? words.titleBefore : words.title}
    >
      {beforeReopening && <p class="rating-before">{words.before}</p>}
      <div class="rating-end">
        <Face end={rating.end} size={36} />
        <div>
          <div class="rating-score">
            {rating.end}
            <span class="rating-of">{words.outOf}</span>
          </div>
          <div class="rating-label">{endLabel(rating.end, t)}</div>
        </div>
      </div>
      <dl class="rating-details">
        <div>
          <dt>{words.stoodOut}</dt>
          <dd>
            {rating.peakAnswered ? (
              <span class={`peak-chip peak-chip--${rating.peak ? rating.peak.polarity : 'none'}`}>
                {peakLabel(rating.peak, t)}
              </span>
            ) : (
              <span class="muted">{words.notAnswered}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{words.comment}</dt>
          <dd>
            {rating.comment ? (
              <blockquote class="rating-comment">{rating.comment}</blockquote>
            ) : (
              <span class="muted">{rating.finished ? words.noComment : words.notAnswered}</span>
            )}
          </dd>
        </div>
      </dl>
      <p class="rating-foot muted">
        {words.rated(clockTime(rating.at, now))}
        {rating.agent ? words.countsFor(rating.agent.name) : ''}
        {amendable ? words.mayChange(clockTime(rating.amendableUntil, now)) : ''}
      </p>
    </section>
  );
}

type SetAside = NonNullable<AgentConversationView['setAsideRating']>;

export function SetAsideRatingSummary({ rating, now }: { rating: SetAside; now: number }) {
  const t = useT();
  const words = t.live.rating;
  const { title, about } = words.setAside[rating.reason];
  return (
    <section class="rating rating--set-aside" aria-label={words.setAsideTitle}>
      <p class="rating-set-aside-reason">
        <AlertIcon />
        <strong>{title}</strong>
      </p>
      <p class="rating-set-aside-about muted">{about}</p>
      <dl class="rating-details">
        <div>
          <dt>{words.howEnded}</dt>
          <dd class="rating-set-aside-end">
            <Face end={rating.end} size={20} />
            {rating.end}
            {words.outOf} · {endLabel(rating.end, t)}
          </dd>
        </div>
        <div>
          <dt>{words.stoodOut}</dt>
          <dd>
            {rating.peakAnswered ? (
              <span class="peak-chip">{peakLabel(rating.peak, t)}</span>
            ) : (
              <span class="muted">{words.notAnswered}</span>
            )}
          </dd>
        </div>
        {rating.comment && (
          <div>
            <dt>{words.comment}</dt>
            <dd>
              <blockquote class="rating-comment">{rating.comment}</blockquote>
            </dd>
          </div>
        )}
      </dl>
      <p class="rating-foot muted">{words.countsForNobody(clockTime(rating.at, now))}</p>
    </section>
  );
}
