/**
 * The follow-up queue: conversations that ended badly, broken promises and resolutions that did
 * not hold, for someone to contact the visitor. Supervisors and admins see every item of the
 * site, filter by agent, assign owners and dismiss with a reason; agents see their own, take
 * them, and mark them contacted or resolved. The server decides who may do what; this view only
 * leaves out what the member's role cannot do.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  FOLLOWUP_STATUSES,
  type FollowupStatus,
  type FollowupView,
} from '../../../shared/followups';
import type { SignedInAgent } from '../../../shared/protocol';
import { askToNotify, mayAskToNotify } from '../followups';
import { useT, type ConsoleDictionary } from '../i18n';
import { consoleLocale } from '../i18n/locale';
import { endLabel, peakLabel } from '../peaks';
import type { LiveConsole } from '../useLiveConsole';

/** Why the item is there, in a line, in the words the visitor chose. */
function why(item: FollowupView, t: ConsoleDictionary): string {
  const words = t.insights.followUp;
  if (item.rating) {
    const { end, peak, unhandled } = item.rating;
    const stoodOut = peak?.polarity === 'negative' ? peakLabel(peak, t) : null;
    return words.rated(endLabel(end, t), stoodOut, unhandled);
  }
  if (item.promise) {
    const what = item.promise.text || null;
    return item.promise.disputedAt ? words.promiseDisputed(what) : words.promiseMissed(what);
  }
  return words.reopened;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(consoleLocale(), { dateStyle: 'medium', timeStyle: 'short' });

interface Props {
  live: Pick<LiveConsole, 'followups' | 'updateFollowup' | 'followupsSeen'>;
  agent: SignedInAgent;
  /** The site's agents, for the filter and for assigning (supervisors). */
  team: { id: string; name: string }[];
  /** The address of an item's conversation in the history (a drill-down). */
  conversationHref?: (conversationId: string) => string;
}

export function FollowUp({ live, agent, team, conversationHref }: Props) {
  const t = useT();
  const words = t.insights.followUp;
  const { labels, refusal } = t.insights;
  const supervises = agent.role !== 'agent';
  const [status, setStatus] = useState<FollowupStatus | ''>('new');
  const [agentFilter, setAgentFilter] = useState('');
  const [items, setItems] = useState<FollowupView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [canAsk, setCanAsk] = useState(mayAskToNotify);
  const { followups, followupsSeen } = live;

  const filter = {
    ...(status && { status }),
    ...(agentFilter && { agent: agentFilter }),
  };
  const key = JSON.stringify(filter);

  useEffect(() => {
    let current = true;
    void followups(filter).then((answer) => {
      if (!current) return;
      if (!answer.ok) {
        return setError(words.loadFailed(refusal(answer.error.code, answer.error.message)));
      }
      setError(null);
      setItems(answer.data.items);
      setNext(answer.data.next);
    });
    return () => {
      current = false;
    };
    // `key` stands for the filter's contents, a new object each render.
  }, [followups, followupsSeen, key]);

  const loadMore = async () => {
    if (next === null) return;
    const answer = await followups({ ...filter, cursor: next });
    if (!answer.ok) {
      return setError(words.moreFailed(refusal(answer.error.code, answer.error.message)));
    }
    setItems((current) => [...(current ?? []), ...answer.data.items]);
    setNext(answer.data.next);
  };

  const change = async (
    id: string,
    patch: Parameters<LiveConsole['updateFollowup']>[0]['change'],
  ) => {
    const answer = await live.updateFollowup({ id, change: patch });
    if (!answer.ok) {
      setError(refusal(answer.error.code, answer.error.message));
      return false;
    }
    setError(null);
    setItems((current) => current?.map((item) => (item.id === id ? answer.data : item)) ?? null);
    return true;
  };

  return (
    <main class="followup" aria-labelledby="followup-title">
      <div class="followup-head">
        <h1 id="followup-title">{words.title}</h1>
        <div class="followup-filters">
          <label class="field">
            <span class="field-label">{labels.status}</span>
            <select
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as FollowupStatus | '')}
            >
              <option value="">{words.allStatuses}</option>
              {FOLLOWUP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t.insights.followupStatus[s]}
                </option>
              ))}
            </select>
          </label>
          {supervises && (
            <label class="field">
              <span class="field-label">{labels.agent}</span>
              <select value={agentFilter} onChange={(e) => setAgentFilter(e.currentTarget.value)}>
                <option value="">{labels.everyone}</option>
                {team.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {canAsk && (
            <button
              type="button"
              class="btn btn--secondary"
              onClick={() => void askToNotify().then(() => setCanAsk(mayAskToNotify()))}
            >
              {words.notifyMe}
            </button>
          )}
        </div>
      </div>
      {error && (
        <p class="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {items === null ? (
        <p class="followup-empty">{t.common.loading}</p>
      ) : items.length === 0 ? (
        <p class="followup-empty">{words.empty}</p>
      ) : (
        <ul class="followup-list" aria-label={words.items}>
          {items.map((item) => (
            <FollowUpItem
              key={item.id}
              item={item}
              agent={agent}
              supervises={supervises}
              team={team}
              conversationHref={conversationHref}
              change={(patch) => change(item.id, patch)}
            />
          ))}
        </ul>
      )}
      {next !== null && (
        <button type="button" class="btn btn--secondary" onClick={() => void loadMore()}>
          {words.loadMore}
        </button>
      )}
    </main>
  );
}

interface ItemProps {
  item: FollowupView;
  agent: SignedInAgent;
  supervises: boolean;
  team: { id: string; name: string }[];
  conversationHref?: (conversationId: string) => string;
  change: (patch: Parameters<LiveConsole['updateFollowup']>[0]['change']) => Promise<boolean>;
}

function FollowUpItem({ item, agent, supervises, team, conversationHref, change }: ItemProps) {
  const t = useT();
  const words = t.insights.followUp;
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [noting, setNoting] = useState(false);
  const open = item.status === 'new' || item.status === 'contacted';
  const titleId = `followup-${item.id}`;

  return (
    <li class={`followup-item followup-item--${item.status}`} aria-labelledby={titleId}>
      <div class="followup-item-head">
        <span id={titleId} class="followup-why">
          {why(item, t)}
        </span>
        <span class={`followup-status followup-status--${item.status}`}>
          {t.insights.followupStatus[item.status]}
        </span>
      </div>
      <p class="followup-meta">
        {item.agent ? words.byAgent(item.agent.name) : words.nobodyAnswered} · {when(item.at)} ·{' '}
        {conversationHref ? (
          <a href={conversationHref(item.conversationId)}>
            {words.conversation(item.conversationId)}
          </a>
        ) : (
          words.conversation(item.conversationId)
        )}
        {item.owner && <> · {words.ownedBy(item.owner.name)}</>}
      </p>
      {item.contact && (
        <p class="followup-contact">
          {words.contact} {item.contact.name && <span>{item.contact.name} </span>}
          {item.contact.email && <a href={`mailto:${item.contact.email}`}>{item.contact.email}</a>}
          {item.contact.consentedAt && <> · {words.consented}</>}
        </p>
      )}
      {item.rating?.comment && (
        <blockquote class="followup-comment">{item.rating.comment}</blockquote>
      )}
      {item.reason && <p class="followup-meta">{words.dismissedBecause(item.reason)}</p>}
      {item.notes.length > 0 && (
        <ul class="followup-notes" aria-label={words.notes}>
          {item.notes.map((n, i) => (
            <li key={i}>
              <span class="followup-meta">
                {words.noteBy(n.by?.name ?? words.integration, when(n.at))}
              </span>{' '}
              {n.text}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div class="followup-actions">
          {item.status === 'new' && (
            <button
              type="button"
              class="btn btn--secondary"
              onClick={() => void change({ status: 'contacted' })}
            >
              {words.markContacted}
            </button>
          )}
          <button
            type="button"
            class="btn btn--success"
            onClick={() => void change({ status: 'resolved' })}
          >
            {words.resolve}
          </button>
          {!supervises && item.owner?.id !== agent.id && (
            <button
              type="button"
              class="btn btn--quiet"
              onClick={() => void change({ owner: agent.id })}
            >
              {words.take}
            </button>
          )}
          {supervises && (
            <label class="field followup-owner">
              <span class="field-label">{words.owner}</span>
              <select
                value={item.owner?.id ?? ''}
                onChange={(e) => void change({ owner: e.currentTarget.value || null })}
              >
                <option value="">{words.nobody}</option>
                {team.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {supervises && !dismissing && (
            <button type="button" class="btn btn--quiet" onClick={() => setDismissing(true)}>
              {words.dismiss}
            </button>
          )}
          {!noting && (
            <button type="button" class="btn btn--quiet" onClick={() => setNoting(true)}>
              {words.addNoteOpen}
            </button>
          )}
        </div>
      )}
      {supervises && open && dismissing && (
        <form
          class="followup-form"
          onSubmit={(e) => {
            e.preventDefault();
            void change({ status: 'dismissed', reason }).then(
              (done) => done && setDismissing(false),
            );
          }}
        >
          <label class="field field--grow">
            <span class="field-label">{words.reason}</span>
            <input
              value={reason}
              required
              maxLength={500}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="btn btn--primary">
            {words.dismissItem}
          </button>
          <button type="button" class="btn btn--quiet" onClick={() => setDismissing(false)}>
            {t.common.cancel}
          </button>
        </form>
      )}
      {/* Closed items take notes too (what was said when it was resolved), on request. */}
      {!open && !noting && (
        <div class="followup-actions">
          <button type="button" class="btn btn--quiet" onClick={() => setNoting(true)}>
            {words.addNoteOpen}
          </button>
        </div>
      )}
      {noting && (
        <form
          class="followup-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!note.trim()) return;
            void change({ note }).then((done) => {
              if (!done) return;
              setNote('');
              setNoting(false);
            });
          }}
        >
          <label class="field field--grow">
            <span class="field-label">{words.note}</span>
            <input
              value={note}
              maxLength={2000}
              // Opened by "Add a note…": the field is where the person is going.
              autoFocus
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="btn btn--secondary">
            {words.addNote}
          </button>
          <button type="button" class="btn btn--quiet" onClick={() => setNoting(false)}>
            {t.common.cancel}
          </button>
        </form>
      )}
    </li>
  );
}
