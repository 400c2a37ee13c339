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
import type { Ack, AckError } from '../../../shared/ack';
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
import { errorText } from '../errors';
import { clockTime, formatDecimal, formatScore, timeAgo } from '../format';
import { useT } from '../i18n';
import { XIcon } from './icons';
import { visitorName } from '../visitorName';

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
  | { state: 'error'; error: AckError }
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
  const t = useT();
  const words = t.live.breakdown;
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
            : { state: 'error', error: answer.error },
      );
    });
    return () => {
      current = false;
    };
  }, [agentId, load, version]);

  const shownName = loaded.state === 'ready' ? loaded.breakdown.name : name;
  const title = words.title(shownName);

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
            <p class="breakdown-eyebrow">{words.eyebrow}</p>
            <h2 class="breakdown-title">
              {shownName}
              {self && <span class="you-tag">{words.you}</span>}
            </h2>
            <p class="breakdown-intro">
              {words.intro(self)}{' '}
              <span class="breakdown-key">
                <span class="bd-effect is-helps" aria-hidden="true">
                  +
                </span>{' '}
                {words.helps},{' '}
                <span class="bd-effect is-hurts" aria-hidden="true">
                  −
                </span>{' '}
                {words.hurts}
              </span>
              <span class="sr-only">{words.keyRead}</span>
              {words.olderLess}
            </p>
          </div>
          <button
            ref={closeButton}
            type="button"
            class="icon-btn breakdown-close"
            aria-label={t.common.close}
            title={words.closeTitle}
            onClick={onClose}
          >
            <XIcon />
          </button>
        </div>
        <div class="breakdown-body">
          {loaded.state === 'loading' && (
            <p class="breakdown-empty muted" role="status">
              {words.loading}
            </p>
          )}
          {loaded.state === 'error' && (
            <p class="note note--error" role="alert">
              {words.failed(errorText(loaded.error, t))}
            </p>
          )}
          {loaded.state === 'ready' && (
            <Groups breakdown={loaded.breakdown} scores={scores} self={self} now={now} />
          )}
        </div>
        {loaded.state === 'ready' && (
          <footer class="breakdown-foot muted">
            {words.foot(clockTime(loaded.breakdown.at, now))}
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
  const t = useT();
  const words = t.live.breakdown;
  if (breakdown.items.length === 0) {
    return <p class="breakdown-empty muted">{words.empty(self)}</p>;
  }
  return (
    <>
      {DIMENSIONS.map((key) => {
        const { name: label, about } = t.live.dimensions[key];
        const items = breakdown.items.filter((item) => item.dimension === key);
        const helped = items.filter((item) => effectOf(item) === 'helps').length;
        const figure = scores?.[key];
        const headingId = `breakdown-${key}`;
        return (
          <section key={key} class="bd-group" aria-labelledby={headingId}>
            <h3 class="bd-group-head" id={headingId} title={about}>
              <span class="bd-group-name">{label}</span>
              {figure && figure.n > 0 && !figure.tooLittleEvidence && (
                <span class="score-pill" title={words.now(label)}>
                  <span class="sr-only">, {words.nowRead} </span>
                  {formatScore(figure.score)}
                </span>
              )}
              {figure && figure.n > 0 && figure.tooLittleEvidence && (
                <span class="bd-thin" title={words.thinTitle(label)}>
                  <span class="sr-only">, {words.nowRead} </span>
                  {t.live.scores.tooLittle} · {formatScore(figure.low)}–{formatScore(figure.high)}
                </span>
              )}
              <span class="bd-group-count">
                <span class="sr-only">{t.live.scores.colon} </span>
                {items.length === 0
                  ? words.nothingLately
                  : words.counts(helped, items.length - helped)}
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
  const words = useT().live.breakdown;
  const { own, team } = figure;
  return (
    <div class="bd-parts">
      <p class="bd-parts-sum">
        {own.score === null ? (
          words.noOwn
        ) : (
          <>
            {words.own} <b>{formatScore(own.score)}</b>{' '}
            {words.weighing(formatDecimal(own.weight, 1))}
          </>
        )}
        <span aria-hidden="true"> · </span>
        <span class="sr-only">, </span>
        {words.teamMean} <b>{formatScore(team.score)}</b>{' '}
        {words.weighing(formatPartWeight(team.weight))}
        <span aria-hidden="true"> → </span>
        <span class="sr-only">, {words.together} </span>
        <b>{formatScore(figure.score)}</b>
      </p>
      {figure.tooLittleEvidence && (
        <p class="bd-parts-note muted">
          {words.thinNote(
            formatPartWeight(team.weight),
            formatScore(figure.low),
            formatScore(figure.high),
          )}
        </p>
      )}
    </div>
  );
}

function Item({ item, now }: { item: BreakdownItem; now: number }) {
  const t = useT();
  const words = t.live.breakdown;
  const effect = effectOf(item);
  const helps = effect === 'helps';
  const note = itemNote(item, now, t);
  return (
    <li class={`bd-item is-${effect}`}>
      <span
        class={`bd-effect is-${effect}`}
        title={words.effectTitle(helps, formatDecimal(item.value, 2))}
      >
        <span aria-hidden="true">{helps ? '+' : '−'}</span>
      </span>
      <div class="bd-main">
        <p class="bd-text">
          {describeItem(item, now, t)}
          <span class="sr-only">
            , {words.effectRead(helps, t.live.dimensions[item.dimension].inSentence)}.{' '}
          </span>
        </p>
        {/* Dots between the parts are drawn by CSS; screen readers hear commas. */}
        <p class="bd-meta">
          <span class="bd-visitor">{visitorName(item.visitorLabel, t)}</span>
          {note && (
            <span>
              <span class="sr-only">, </span>
              {note}
            </span>
          )}
          <time dateTime={item.at} title={clockTime(item.at, now)}>
            <span class="sr-only">, </span>
            {timeAgo(item.at, now) ?? words.justNow}
          </time>
        </p>
      </div>
      <span class="bd-weight" title={words.weightTitle}>
        <span class="sr-only">, </span>
        {words.weight(formatWeight(item.weight))}
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
