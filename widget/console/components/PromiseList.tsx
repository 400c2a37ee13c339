/**
 * The promises made in a conversation: pending ones with their due time and a way to keep them;
 * the others with how they ended (kept, broken, or kept and then disputed by the visitor), and a
 * muted note on any that moves nobody's reliability, saying why (scoring.md, promises).
 */
import type { NotCounting } from '../../../shared/conversation';
import type { PromiseView } from '../../../shared/protocol';
import { clockTime, dueIn } from '../format';
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
  if (promises.length === 0) return null;
  const ordered = [...promises].sort((a, b) => {
    const pendingA = a.status === 'pending' ? 0 : 1;
    const pendingB = b.status === 'pending' ? 0 : 1;
    return pendingA - pendingB || Date.parse(a.dueAt) - Date.parse(b.dueAt);
  });
  return (
    <section class="promises" aria-label="Promises">
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
          {promise.text ?? 'Promise'}
        </span>
        <span class="promise-meta">
          {promise.status === 'kept' && promise.keptAt ? (
            <>
              <strong>Kept</strong> at {clockTime(promise.keptAt, now)} · was due{' '}
              {clockTime(promise.dueAt, now)}
            </>
          ) : promise.status === 'broken' ? (
            <>
              <strong>Broken</strong> · was due {clockTime(promise.dueAt, now)}
            </>
          ) : promise.status === 'disputed' ? (
            <>
              <strong>Disputed</strong>: the visitor says it didn’t happen
              {promise.disputedAt ? ` (${clockTime(promise.disputedAt, now)})` : ''}
              {promise.counts ? ', so it counts as broken' : ''}
              {promise.keptAt ? ` · marked kept ${clockTime(promise.keptAt, now)}` : ''}
            </>
          ) : (
            <>
              {overdue ? <strong>Overdue</strong> : 'Due'} {clockTime(promise.dueAt, now)} (
              {dueIn(promise.dueAt, now)})
            </>
          )}
          {' · '}
          {promise.agent.name}
        </span>
        {promise.notCounting && (
          <span class="promise-note muted">{notCountingText(promise.notCounting)}</span>
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
          Mark promise kept
        </button>
      )}
    </li>
  );
}

/** "a minute", "30 seconds", "2 minutes", "90 seconds". */
function duration(seconds: number): string {
  if (seconds === 60) return 'a minute';
  if (seconds >= 120 && seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** Why a promise moves nobody's reliability, in the words of the site's settings. */
export function notCountingText(why: NotCounting): string {
  if (why.reason === 'quick') {
    return `Doesn’t count: kept within ${duration(why.minPromiseSeconds)} of being made`;
  }
  const n = why.maxPromisesPerConversation;
  return `Doesn’t count: beyond the first ${n === 1 ? 'promise' : `${n} promises`} of this conversation`;
}
