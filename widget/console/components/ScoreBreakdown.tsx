/**
 * "Score breakdown: Anna Jansen": what moved an agent's scores lately, one dialog. The latest
 * evidence, grouped by score, each piece in plain words ("Waited 5 min (promised 2 min)") with
 * whether it helped or hurt, how much it weighs, whose conversation and when.
 *
 * Each group also shows the two parts its score is the weighted mean of (scoring.md, showing a
 * score): the agent's own evidence and the team mean, each with its weight, and the score they
 * make, so the figure on screen adds up; a score with too little evidence of its own says so.
 *
 * Opened from Live scores: agents open their own, supervisors and admins anyone's. It loads when
 * opened and again whenever the live scores move, so it never lags behind the figures beside it.
 * A modal dialog: focus moves in, stays in, Escape or Close leaves, and focus goes back.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ack } from '../../../shared/ack';
import type { BreakdownItem, ScoreBreakdown as ScoreBreakdownView } from '../../../shared/protocol';
import type { AgentDimensionScore, AgentScores } from '../../../shared/scoring/types';
import {
  describeItem,
  DIMENSIONS,
  effectOf,
  formatPartWeight,
  formatWeight,
  itemNote,
} from '../breakdown';
import { clockTime, formatScore, relativeTime } from '../format';
import { XIcon } from './icons';

interface Props {
  agentId: string;
  /** Shown while the breakdown loads; the server's answer names the agent too. */
  name: string;
  /** The agent's live figures, for the heading of each group. */
  scores: AgentScores | null;
  /** The breakdown is the signed-in agent's own. */
  self: boolean;
  load: (agentId: string) => Promise<Ack<ScoreBreakdownView>>;
  /** Changes whenever the live scores move: the breakdown loads again. */
  version?: string;
  now: number;
  onClose: () => void;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; breakdown: ScoreBreakdownView };

export function ScoreBreakdown({
  agentId,
  name,
  scores,
  self,
  load,
  version,
  now,
  onClose,
}: Props) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useModalFocus(dialog, closeButton);

  useEffect(() => {
    let current = true;
    void load(agentId).then((answer) => {
      if (!current) return;
      // A failed refresh keeps what is shown; only a first load shows the error.
      setLoaded((before) =>
        answer.ok
          ? { state: 'ready', breakdown: answer.data }
          : before.state === 'ready'
            ? before
            : { state: 'error', message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [agentId, load, version]);

  const shownName = loaded.state === 'ready' ? loaded.breakdown.name : name;
  const title = `Score breakdown: ${shownName}`;

  return (
    <div
      class="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        class="breakdown"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          } else if (event.key === 'Tab') {
            keepFocusInside(dialog.current, event);
          }
        }}
      >
        <div class="breakdown-head">
          <div class="breakdown-heading">
            <p class="breakdown-eyebrow">Score breakdown</p>
            <h2 class="breakdown-title">
              {shownName}
              {self && <span class="you-tag">You</span>}
            </h2>
            <p class="breakdown-intro">
              What moved {self ? 'your' : 'these'} scores lately, newest first.{' '}
              <span class="breakdown-key">
                <span class="bd-effect is-helps" aria-hidden="true">
                  +
                </span>{' '}
                helps,{' '}
                <span class="bd-effect is-hurts" aria-hidden="true">
                  −
                </span>{' '}
                hurts
              </span>
              <span class="sr-only">(plus helps, minus hurts)</span>; older evidence counts less.
            </p>
          </div>
          <button
            ref={closeButton}
            type="button"
            class="icon-btn breakdown-close"
            aria-label="Close"
            title="Close (Esc)"
            onClick={onClose}
          >
            <XIcon />
          </button>
        </div>
        <div class="breakdown-body">
          {loaded.state === 'loading' && (
            <p class="breakdown-empty muted" role="status">
              Loading the breakdown…
            </p>
          )}
          {loaded.state === 'error' && (
            <p class="note note--error" role="alert">
              The breakdown could not be loaded: {loaded.message}
            </p>
          )}
          {loaded.state === 'ready' && (
            <Groups breakdown={loaded.breakdown} scores={scores} self={self} now={now} />
          )}
        </div>
        {loaded.state === 'ready' && (
          <footer class="breakdown-foot muted">
            Counted up to {clockTime(loaded.breakdown.at, now)}. Weight: how much a piece of
            evidence counts next to the rest (a wait is ½ when the longest and the last wait of a
            chat differ; what a visitor says stood out counts 2). In a score’s own evidence a
            failure weighs more than a success: twice, unless the site set its negativity weight
            otherwise.
          </footer>
        )}
      </div>
    </div>
  );
}

function Groups({
  breakdown,
  scores,
  self,
  now,
}: {
  breakdown: ScoreBreakdownView;
  scores: AgentScores | null;
  self: boolean;
  now: number;
}) {
  if (breakdown.items.length === 0) {
    return (
      <p class="breakdown-empty muted">
        Nothing has moved {self ? 'your' : 'these'} scores yet. Waits, promises and ratings show
        here as soon as they count.
      </p>
    );
  }
  return (
    <>
      {DIMENSIONS.map(({ key, label, about }) => {
        const items = breakdown.items.filter((item) => item.dimension === key);
        const helped = items.filter((item) => effectOf(item) === 'helps').length;
        const figure = scores?.[key];
        const headingId = `breakdown-${key}`;
        return (
          <section key={key} class="bd-group" aria-labelledby={headingId}>
            <h3 class="bd-group-head" id={headingId} title={about}>
              <span class="bd-group-name">{label}</span>
              {figure && figure.n > 0 && !figure.tooLittleEvidence && (
                <span class="score-pill" title={`${label} now`}>
                  <span class="sr-only">, now </span>
                  {formatScore(figure.score)}
                </span>
              )}
              {figure && figure.n > 0 && figure.tooLittleEvidence && (
                <span class="bd-thin" title={`${label} now: likely between these (90%)`}>
                  <span class="sr-only">, now </span>
                  too little evidence · {formatScore(figure.low)}–{formatScore(figure.high)}
                </span>
              )}
              <span class="bd-group-count">
                <span class="sr-only">: </span>
                {items.length === 0
                  ? 'nothing lately'
                  : `${helped} helped · ${items.length - helped} hurt`}
              </span>
            </h3>
            {figure && figure.n > 0 && <ScoreParts figure={figure} />}
            {items.length > 0 && (
              <ul class="bd-list">
                {items.map((item, i) => (
                  <Item
                    key={`${item.conversationId}-${item.kind}-${item.at}-${i}`}
                    item={item}
                    now={now}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

/**
 * "Own evidence 100 (weight 1.0) · Team mean 25 (weight 4) → 40": the score is the mean of its
 * two parts, each counted by its weight, so the reader can check it; and why a score with too
 * little evidence of its own shows as a range.
 */
function ScoreParts({ figure }: { figure: AgentDimensionScore }) {
  const { own, team } = figure;
  return (
    <div class="bd-parts">
      <p class="bd-parts-sum">
        {own.score === null ? (
          'No own evidence yet'
        ) : (
          <>
            Own evidence <b>{formatScore(own.score)}</b> (weight {own.weight.toFixed(1)})
          </>
        )}
        <span aria-hidden="true"> · </span>
        <span class="sr-only">, </span>
        Team mean <b>{formatScore(team.score)}</b> (weight {formatPartWeight(team.weight)})
        <span aria-hidden="true"> → </span>
        <span class="sr-only">, together </span>
        <b>{formatScore(figure.score)}</b>
      </p>
      {figure.tooLittleEvidence && (
        <p class="bd-parts-note muted">
          Too little evidence: the agent’s own evidence weighs less than the team mean’s{' '}
          {formatPartWeight(team.weight)}, so the score leans on the team and Live scores shows only
          its range, {formatScore(figure.low)}–{formatScore(figure.high)}.
        </p>
      )}
    </div>
  );
}

function Item({ item, now }: { item: BreakdownItem; now: number }) {
  const effect = effectOf(item);
  const note = itemNote(item, now);
  const when = relativeTime(item.at, now);
  return (
    <li class={`bd-item is-${effect}`}>
      <span
        class={`bd-effect is-${effect}`}
        title={`${effect === 'helps' ? 'Helps' : 'Hurts'}: value ${item.value.toFixed(2)} of 1`}
      >
        <span aria-hidden="true">{effect === 'helps' ? '+' : '−'}</span>
      </span>
      <div class="bd-main">
        <p class="bd-text">
          {describeItem(item, now)}
          <span class="sr-only">
            , {effect} {item.dimension}.{' '}
          </span>
        </p>
        {/* Dots between the parts are drawn by CSS; screen readers hear commas. */}
        <p class="bd-meta">
          <span class="bd-visitor">{item.visitorLabel}</span>
          {note && (
            <span>
              <span class="sr-only">, </span>
              {note}
            </span>
          )}
          <time dateTime={item.at} title={clockTime(item.at, now)}>
            <span class="sr-only">, </span>
            {when === 'now' ? 'just now' : /^\d+[mh]$/.test(when) ? `${when} ago` : when}
          </time>
        </p>
      </div>
      <span
        class="bd-weight"
        title="How much this counts next to other evidence, before it fades with age"
      >
        <span class="sr-only">, </span>weight {formatWeight(item.weight)}
      </span>
    </li>
  );
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab wrap around inside the dialog. */
function keepFocusInside(container: HTMLElement | null, event: KeyboardEvent) {
  if (!container) return;
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Focus moves into the dialog when it opens and back to where it was when it closes. */
function useModalFocus(
  dialog: RefObject<HTMLDivElement>,
  initial: RefObject<HTMLButtonElement>,
): void {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    (initial.current ?? dialog.current)?.focus();
    return () => {
      if (before && before.isConnected) before.focus();
    };
  }, [dialog, initial]);
}
