/**
 * "Conversations": the history of every conversation of the site (an agent's own work for
 * agents, as the server decides), searched by what was written and filtered, newest activity
 * first, a page at a time. Choosing one shows it as the live view does, read-only; an open one
 * can be taken to Live to answer it. Supervisors export the period's ratings as CSV.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ack } from '../../../shared/ack';
import type { HistoryItem } from '../../../shared/history';
import type { AgentConversationView, SignedInAgent } from '../../../shared/protocol';
import { calendarDate, clockTime } from '../format';
import { exportHref, type HistoryApi } from '../historyApi';
import type { HistoryFilter } from '../historyLink';
import { useT } from '../i18n';
import { endLabel, endTone } from '../peaks';
import { DAY_MS, periodLabel, periodStart, PERIODS } from '../periods';
import { ConversationPane } from './ConversationPane';
import { visitorName } from '../visitorName';

/** The rating filter's choices: the endings as the API takes them, and their words. */
const RATINGS = [
  { value: '', words: 'any' },
  { value: '1,2', words: 'bad' },
  { value: '3', words: 'okay' },
  { value: '4,5', words: 'good' },
  { value: 'none', words: 'none' },
] as const;

interface Props {
  /** Above the list: the switch between this view and the comments feed, when offered. */
  switcher?: ComponentChildren;
  api: HistoryApi;
  agent: SignedInAgent;
  /** The site's agents, for the agent filter (supervisors and admins). */
  team: { id: string; name: string }[];
  /** The filter asked for by the address (a drill-down link); changes replace the current one. */
  filter: HistoryFilter;
  onFilter: (filter: HistoryFilter) => void;
  /** A conversation to show, by id. */
  openId: string | null;
  onOpen: (id: string | null) => void;
  load: (conversationId: string) => Promise<Ack<AgentConversationView>>;
  /** Shows an open conversation in Live, to answer it. */
  onOpenLive: (conversationId: string) => void;
  now: number;
}

type Listing =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; items: HistoryItem[]; next: string | null };

/** The period a `from` stands for, when it is one of ours (else a custom one, from a link). */
function periodOf(filter: HistoryFilter, now: number): string {
  if (!filter.from) return '';
  if (filter.to) return 'custom';
  const days = Math.round((now - Date.parse(filter.from)) / DAY_MS);
  return PERIODS.some((p) => p === String(days)) ? String(days) : 'custom';
}

export function History(props: Props) {
  const { api, agent, team, filter, onFilter, openId, onOpen, load, onOpenLive, now } = props;
  const supervises = agent.role !== 'agent';
  const t = useT();
  const words = t.insights.history;
  const { labels, refusal } = t.insights;
  const [typed, setTyped] = useState(filter.q ?? '');
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(filter);
  const list = useRef<HTMLDivElement>(null);
  const detail = useRef<HTMLDivElement>(null);

  useEffect(() => setTyped(filter.q ?? ''), [filter.q]);

  // Where the conversation shows under the list (a narrow screen), bring it into view.
  useEffect(() => {
    const [above, below] = [list.current, detail.current];
    if (!openId || !above || !below) return;
    if (below.getBoundingClientRect().top >= above.getBoundingClientRect().bottom - 1) {
      below.scrollIntoView?.({ block: 'start' });
    }
  }, [openId]);

  useEffect(() => {
    let current = true;
    setListing({ state: 'loading' });
    setMoreError(null);
    void api.conversations(agent.siteId, filter).then((answer) => {
      if (!current) return;
      setListing(
        answer.ok
          ? { state: 'ready', items: answer.data.conversations, next: answer.data.next }
          : { state: 'error', message: refusal(answer.error.code, answer.error.message) },
      );
    });
    return () => {
      current = false;
    };
    // The filter's value (`key`), not its identity, decides what to load.
  }, [api, agent.siteId, key]);

  const loadMore = async () => {
    if (listing.state !== 'ready' || !listing.next) return;
    setLoadingMore(true);
    const answer = await api.conversations(agent.siteId, filter, listing.next);
    setLoadingMore(false);
    if (!answer.ok) {
      return setMoreError(words.moreFailed(refusal(answer.error.code, answer.error.message)));
    }
    setMoreError(null);
    setListing({
      state: 'ready',
      items: [...listing.items, ...answer.data.conversations],
      next: answer.data.next,
    });
  };

  // Only what is set: an empty segment means "without one", every other empty value "any".
  const set = (change: Partial<HistoryFilter>) => {
    const merged: HistoryFilter = { ...filter, ...change };
    const kept = Object.entries(merged).filter(
      ([k, value]) => value !== undefined && (value !== '' || k === 'segment'),
    );
    onFilter(Object.fromEntries(kept) as HistoryFilter);
  };

  const period = periodOf(filter, now);
  const setPeriod = (value: string) =>
    set({
      from: periodStart(value, now),
      to: undefined,
    });

  return (
    <main class="history" aria-labelledby="history-title">
      {props.switcher}
      <div class="history-list" ref={list}>
        <div class="insights-head">
          <h1 id="history-title">{words.title}</h1>
          {supervises && (
            <a
              class="btn btn--secondary"
              href={exportHref(agent.siteId, { from: filter.from, to: filter.to })}
              download
            >
              {words.exportCsv}
            </a>
          )}
        </div>
        <form
          class="history-search"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            set({ q: typed.trim() || undefined });
          }}
        >
          <input
            type="search"
            aria-label={words.search}
            placeholder={words.searchPlaceholder}
            value={typed}
            maxLength={200}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
          <button type="submit" class="btn btn--primary">
            {words.searchButton}
          </button>
        </form>
        <div class="history-filters">
          <label class="field">
            <span class="field-label">{labels.status}</span>
            <select
              value={filter.status ?? ''}
              onChange={(e) =>
                set({ status: (e.currentTarget.value || undefined) as HistoryFilter['status'] })
              }
            >
              <option value="">{words.any}</option>
              <option value="open">{words.open}</option>
              <option value="closed">{words.closed}</option>
            </select>
          </label>
          {supervises && (
            <label class="field">
              <span class="field-label">{labels.agent}</span>
              <select
                value={filter.agent ?? ''}
                onChange={(e) => set({ agent: e.currentTarget.value || undefined })}
              >
                <option value="">{words.anyone}</option>
                {filter.agent && !team.some((member) => member.id === filter.agent) && (
                  <option value={filter.agent}>{filter.agent}</option>
                )}
                {team.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label class="field">
            <span class="field-label">{words.rating}</span>
            <select
              value={filter.rating ?? ''}
              onChange={(e) => set({ rating: e.currentTarget.value || undefined })}
            >
              {filter.rating && !RATINGS.some((r) => r.value === filter.rating) && (
                <option value={filter.rating}>{words.ratingEnds(filter.rating)}</option>
              )}
              {RATINGS.map((r) => (
                <option key={r.value} value={r.value}>
                  {words.ratings[r.words]}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{words.comment}</span>
            <select
              value={filter.comment ?? ''}
              onChange={(e) =>
                set({ comment: (e.currentTarget.value || undefined) as HistoryFilter['comment'] })
              }
            >
              <option value="">{words.any}</option>
              <option value="true">{words.withComment}</option>
              <option value="false">{words.withoutComment}</option>
            </select>
          </label>
          <label class="field">
            <span class="field-label">{words.lastActive}</span>
            <select value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
              {period === 'custom' && filter.from && (
                <option value="custom">
                  {words.customPeriod(
                    calendarDate(filter.from),
                    filter.to ? calendarDate(filter.to) : null,
                  )}
                </option>
              )}
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(t.insights.periods, p)}
                </option>
              ))}
            </select>
          </label>
          {filter.segment !== undefined && (
            <p class="history-chip">
              {words.segmentFilter(filter.segment === '' ? null : filter.segment)}
              <button
                type="button"
                class="btn btn--quiet"
                aria-label={words.removeSegment}
                onClick={() => set({ segment: undefined })}
              >
                ×
              </button>
            </p>
          )}
        </div>
        <Results
          listing={listing}
          openId={openId}
          onOpen={onOpen}
          now={now}
          searched={Boolean(filter.q)}
        />
        {listing.state === 'ready' && listing.next && (
          <div class="inbox-more">
            <button
              type="button"
              class="btn btn--secondary"
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              {loadingMore ? t.common.loading : labels.loadMore}
            </button>
            {moreError && (
              <p class="inbox-more-error" role="alert">
                {moreError}
              </p>
            )}
          </div>
        )}
      </div>
      <div class="history-detail" ref={detail}>
        {openId ? (
          <Shown id={openId} load={load} agent={agent} now={now} onOpenLive={onOpenLive} />
        ) : (
          <div class="main-empty">
            <p>{words.choose}</p>
          </div>
        )}
      </div>
    </main>
  );
}

function Results(props: {
  listing: Listing;
  openId: string | null;
  onOpen: (id: string) => void;
  now: number;
  searched: boolean;
}) {
  const { listing, openId, onOpen, now, searched } = props;
  const t = useT();
  const words = t.insights.history;
  if (listing.state === 'loading') {
    return (
      <p class="muted" role="status">
        {words.loading}
      </p>
    );
  }
  if (listing.state === 'error') {
    return (
      <div class="note note--error" role="alert">
        {words.loadFailed(listing.message)}
      </div>
    );
  }
  if (listing.items.length === 0) {
    return (
      <p class="insights-empty" role="status">
        {searched ? words.noMatchSearch : words.noMatch}
      </p>
    );
  }
  return (
    <ul class="history-items" aria-label={words.list}>
      {listing.items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            class={`history-item${item.id === openId ? ' is-selected' : ''}`}
            aria-current={item.id === openId ? 'true' : undefined}
            onClick={() => onOpen(item.id)}
          >
            <span class="history-item-head">
              <span class="history-item-who">{visitorName(item.visitorLabel, t)}</span>
              <span class={`status status--${item.status === 'open' ? 'open' : 'closed'}`}>
                {item.status === 'open' ? words.open : words.closed}
              </span>
              <span class="history-item-when">{clockTime(item.lastActivityAt, now)}</span>
            </span>
            <span class="history-item-meta">
              {item.assignedAgent ? item.assignedAgent.name : words.notAssigned}
              {item.segment && ` · ${item.segment}`}
              {item.rating && (
                <>
                  {' · '}
                  <span class={`history-end history-end--${endTone(item.rating.end)}`}>
                    {endLabel(item.rating.end, t)}
                  </span>
                </>
              )}
            </span>
            {item.snippet ? (
              <span class="history-item-text">{item.snippet}</span>
            ) : (
              item.rating?.comment && <span class="history-item-text">“{item.rating.comment}”</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; conversation: AgentConversationView };

function Shown(props: {
  id: string;
  load: Props['load'];
  agent: SignedInAgent;
  now: number;
  onOpenLive: (id: string) => void;
}) {
  const { id, load, agent, now, onOpenLive } = props;
  const t = useT();
  const words = t.insights.history;
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const requested = useRef(id);
  useEffect(() => {
    requested.current = id;
    setLoaded({ state: 'loading' });
    void load(id).then((answer) => {
      if (requested.current !== id) return;
      setLoaded(
        answer.ok
          ? { state: 'ready', conversation: answer.data }
          : {
              state: 'error',
              message: t.insights.refusal(answer.error.code, answer.error.message),
            },
      );
    });
  }, [id, load]);
  if (loaded.state === 'loading') {
    return (
      <p class="muted history-detail-note" role="status">
        {words.loadingOne}
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <div class="note note--error history-detail-note" role="alert">
        {words.showFailed(loaded.message)}
      </div>
    );
  }
  const { conversation } = loaded;
  return (
    <>
      {conversation.status === 'open' && (
        <div class="history-live">
          <span>{words.stillOpen}</span>
          <button
            type="button"
            class="btn btn--primary"
            onClick={() => onOpenLive(conversation.id)}
          >
            {words.answerLive}
          </button>
        </div>
      )}
      <ConversationPane conversation={conversation} agent={agent} now={now} readOnly />
    </>
  );
}
