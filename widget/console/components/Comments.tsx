/**
 * "Comments" (issue #11 §6), beside the history in "Conversations": what visitors said and the
 * chip that stood out, newest first, filtered as the history is (agent, period) and by the
 * chip's tone, a page at a time. For supervisors and admins, as the comments API.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CommentView } from '../../../shared/comments';
import { calendarDate } from '../format';
import { historyHash } from '../historyLink';
import { useT } from '../i18n';
import { endLabel, endTone, peakLabel } from '../peaks';
import { periodLabel, periodStart, PERIODS } from '../periods';
import type { CommentsQuery, ReportApi } from '../reportApi';
import { visitorName } from '../visitorName';

/** The chip filter's choices: any chip, or its tone. */
const TONES = [
  { value: '', words: 'any' },
  { value: 'positive', words: 'positive' },
  { value: 'negative', words: 'negative' },
] as const;

interface Props {
  /** Above the feed: the switch between this view and the history, when offered. */
  switcher?: ComponentChildren;
  api: Pick<ReportApi, 'comments'>;
  siteId: string;
  team: { id: string; name: string }[];
  now: number;
}

type Listing =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; comments: CommentView[]; next: string | null };

export function Comments({ api, siteId, team, now, switcher }: Props) {
  const t = useT();
  const words = t.insights.comments;
  const { labels, refusal } = t.insights;
  const [agent, setAgent] = useState('');
  const [days, setDays] = useState('30');
  const [tone, setTone] = useState<'' | 'positive' | 'negative'>('');
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  // The period starts when it is chosen, not at every tick of `now`.
  const [from, setFrom] = useState<string | undefined>(() => periodStart('30', now));

  const query: CommentsQuery = {
    ...(agent && { agent }),
    ...(from && { from }),
    ...(tone && { peak: tone }),
  };
  const key = JSON.stringify(query);

  useEffect(() => {
    let current = true;
    setListing({ state: 'loading' });
    void api.comments(siteId, query).then((answer) => {
      if (!current) return;
      setListing(
        answer.ok
          ? { state: 'ready', comments: answer.data.comments, next: answer.data.next }
          : { state: 'error', message: refusal(answer.error.code, answer.error.message) },
      );
    });
    return () => {
      current = false;
    };
    // The query's value (`key`), not its identity, decides what to load.
  }, [api, siteId, key]);

  const loadMore = async () => {
    if (listing.state !== 'ready' || !listing.next) return;
    setLoadingMore(true);
    const answer = await api.comments(siteId, { ...query, cursor: listing.next });
    setLoadingMore(false);
    if (!answer.ok) {
      return setListing({
        state: 'error',
        message: refusal(answer.error.code, answer.error.message),
      });
    }
    setListing({
      state: 'ready',
      comments: [...listing.comments, ...answer.data.comments],
      next: answer.data.next,
    });
  };

  return (
    <main class="insights" aria-labelledby="comments-title">
      {switcher}
      <div class="insights-head">
        <h1 id="comments-title">{words.title}</h1>
        <div class="trends-controls">
          <label class="field">
            <span class="field-label">{labels.agent}</span>
            <select value={agent} onChange={(e) => setAgent(e.currentTarget.value)}>
              <option value="">{labels.everyone}</option>
              {team.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{labels.period}</span>
            <select
              value={days}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDays(value);
                setFrom(periodStart(value, now));
              }}
            >
              {PERIODS.map((period) => (
                <option key={period} value={period}>
                  {periodLabel(t.insights.periods, period)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{words.chip}</span>
            <select
              value={tone}
              onChange={(e) => setTone(e.currentTarget.value as '' | 'positive' | 'negative')}
            >
              {TONES.map((option) => (
                <option key={option.value} value={option.value}>
                  {words.tones[option.words]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {listing.state === 'loading' && (
        <p class="muted" role="status">
          {words.loading}
        </p>
      )}
      {listing.state === 'error' && (
        <div class="note note--error" role="alert">
          {words.loadFailed(listing.message)}
        </div>
      )}
      {listing.state === 'ready' && listing.comments.length === 0 && (
        <p class="insights-empty">{words.empty}</p>
      )}
      {listing.state === 'ready' && listing.comments.length > 0 && (
        <>
          <ul class="moments" aria-label={words.list}>
            {listing.comments.map((c) => (
              <li key={c.conversationId} class="moment">
                <div class="moment-head">
                  <span class={`rating-badge rating-badge--${endTone(c.end)}`}>
                    {endLabel(c.end, t)}
                  </span>
                  {c.peak && (
                    <span class={`peak-chip peak-chip--${c.peak.polarity}`}>
                      {peakLabel(c.peak, t)}
                    </span>
                  )}
                  <span class="muted">
                    {c.agent?.name ?? labels.unassigned} · {calendarDate(c.at)}
                    {c.segment && ` · ${c.segment}`}
                    {c.excluded && ` · ${words.excluded[c.excluded] ?? c.excluded}`}
                  </span>
                  <a href={historyHash({}, c.conversationId)}>
                    {words.open}
                    <span class="sr-only"> {words.whose(visitorName(c.visitorLabel, t))}</span>
                  </a>
                </div>
                {c.comment && <blockquote class="moment-comment">{c.comment}</blockquote>}
              </li>
            ))}
          </ul>
          {listing.next && (
            <button
              type="button"
              class="btn btn--secondary"
              onClick={() => void loadMore()}
              disabled={loadingMore}
            >
              {loadingMore ? t.common.loading : labels.loadMore}
            </button>
          )}
        </>
      )}
    </main>
  );
}
