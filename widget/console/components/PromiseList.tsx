/**
 * The promises made in a conversation: pending ones with their due time and a way to keep them;
 * the others with how they ended (kept, broken, or kept and then disputed by the visitor), and a
 * muted note on any that moves nobody's reliability, saying why (scoring.md, promises).
 */
import type { NotCounting } from '../../../shared/conversation';
import type { PromiseView } from '../../../shared/protocol';
import { clockTime, dueIn } from '../format';
import { useT, type ConsoleDictionary } from '../i18n';
import { AlertIcon, CheckIcon, ClockIcon } from './icons';

interface Props {
  promises: PromiseView[];
  now: number;
  /** Without it, promises are shown and none can be marked kept (a read-only view). */
  onKeep?: (promiseId: string) => void;
  /** Promise ids whose keep is on its way. */
  keeping: ReadonlySet<string>;
}

export function PromiseList({ promises, now, onKeep, keeping }: Props) {
  const t = useT();
  if (promises.length === 0) return null;
  const ordered = [...promises].sort((a, b) => {
    const pendingA = a.status === 'pending' ? 0 : 1;
    const pendingB = b.status === 'pending' ? 0 : 1;
    return pendingA - pendingB || Date.parse(a.dueAt) - Date.parse(b.dueAt);
  });
  return (
    <section class="promises" aria-label={t.live.promises.title}>
      <ul role="list">
        {ordered.map((promise) => (
          <PromiseItem
            key={promise.id}
            promise={promise}
            now={now}
            onKeep={onKeep}
            busy={keeping.has(promise.id)}
          />
        ))}
      </ul>
    </section>
  );
}

function PromiseItem({
  promise,
  now,
  onKeep,
  busy,
}: {
  promise: PromiseView;
  now: number;
  /** Without it, promises are shown and none can be marked kept (a read-only view). */
  onKeep?: (promiseId: string) => void;
  busy: boolean;
}) {
  const t = useT();
  const words = t.live.promises;
  const overdue = promise.status === 'pending' && Date.parse(promise.dueAt) <= now;
  const tone = overdue ? 'overdue' : promise.status;
  const textId = `promise-${promise.id}`;
  return (
    <li class={`promise promise--${tone}`}>
      <span class="promise-icon">
        {promise.status === 'kept' ? (
          <CheckIcon />
        ) : promise.status === 'broken' || promise.status === 'disputed' || overdue ? (
          <AlertIcon />
        ) : (
          <ClockIcon />
        )}
      </span>
      <div class="promise-body">
        <span class="promise-text" id={textId}>
          {promise.text ?? words.promise}
        </span>
        <span class="promise-meta">
          {promise.status === 'kept' && promise.keptAt ? (
            <>
              <strong>{words.kept}</strong>
              {words.keptAt(clockTime(promise.keptAt, now), clockTime(promise.dueAt, now))}
            </>
          ) : promise.status === 'broken' ? (
            <>
              <strong>{words.broken}</strong>
              {words.wasDue(clockTime(promise.dueAt, now))}
            </>
          ) : promise.status === 'disputed' ? (
            <>
              <strong>{words.disputed}</strong>
              {words.disputedSaid}
              {promise.disputedAt ? ` (${clockTime(promise.disputedAt, now)})` : ''}
              {promise.counts ? words.countsBroken : ''}
              {promise.keptAt ? words.markedKept(clockTime(promise.keptAt, now)) : ''}
            </>
          ) : (
            <>
              {overdue ? <strong>{words.overdue}</strong> : words.due}{' '}
              {words.dueAt(clockTime(promise.dueAt, now), dueIn(promise.dueAt, now))}
            </>
          )}
          {' · '}
          {promise.agent.name}
        </span>
        {promise.notCounting && (
          <span class="promise-note muted">{notCountingText(promise.notCounting, t)}</span>
        )}
      </div>
      {promise.status === 'pending' && onKeep && (
        <button
          type="button"
          class="btn btn--small btn--success"
          aria-describedby={textId}
          disabled={busy}
          onClick={() => onKeep(promise.id)}
        >
          <CheckIcon />
          {words.markKept}
        </button>
      )}
    </li>
  );
}

/** "a minute", "30 seconds", "2 minutes", "90 seconds". */
function duration(seconds: number, words: ConsoleDictionary['live']['promises']): string {
  if (seconds % 60 === 0 && seconds >= 60) return words.minutes(seconds / 60);
  return words.seconds(seconds);
}

/** Why a promise moves nobody's reliability, in the words of the site's settings. */
export function notCountingText(why: NotCounting, t: ConsoleDictionary): string {
  const words = t.live.promises;
  if (why.reason === 'quick') {
    return words.notCountingQuick(duration(why.minPromiseSeconds, words));
  }
  return words.notCountingBeyond(why.maxPromisesPerConversation);
}
