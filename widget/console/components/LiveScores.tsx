/**
 * "Live scores": the site's figures on one line, then one row per agent, updated on every push.
 *
 * Each agent's responsiveness, reliability and experience is a 0–100 score shrunk toward the team
 * mean, with the 90% interval it likely lies in (shared/design/scoring.md): the score is a pill,
 * the interval a tiny bar under it, and the numbers are spelled out on hover and for screen
 * readers (and in the cell itself where the region is wide). An agent without evidence on a
 * dimension gets the team mean from the server; that is a prior, not a result, so it shows as
 * "—" with "no data yet", never as a score. Likewise a score whose own evidence weighs less than
 * the team mean it is pulled toward (`tooLittleEvidence`, scoring.md "Showing a score") shows as
 * "too little evidence" with its interval, never as a bare number: one kept promise next to a
 * teammate's broken ones must not read as "31".
 *
 * Columns are data (`SCORE_COLUMNS`), so a new figure is one entry.
 *
 * Where a row's breakdown may be opened (one's own; any for supervisors), the agent's name is a
 * button and the whole row is clickable: "why did this score move?" is one click away.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveScores as LiveScoresView } from '../../../shared/protocol';
import type {
  AgentDimensionScore,
  AgentScores,
  CsatFigure,
  ScoredDimension,
  SiteDimensionScore,
  SiteScores,
} from '../../../shared/scoring/types';
import { clockTime, EMPTY, formatPercent, formatScore } from '../format';

export interface ScoreColumn {
  key: string;
  header: string;
  /** The header where the region is narrow (the console's right panel). */
  short: string;
  /** What the figure means, in one plain sentence: the header's tooltip. */
  description: string;
  render: (row: AgentScores, site: SiteScores) => ComponentChildren;
  /** The site-wide figure, for the summary line. */
  renderSite: (site: SiteScores) => ComponentChildren;
  /** What, when it changes, makes the row flash. */
  signature: (row: AgentScores) => string;
}

function dimensionColumn(
  key: ScoredDimension,
  header: string,
  short: string,
  description: string,
): ScoreColumn {
  return {
    key,
    header,
    short,
    description,
    render: (row) => <DimensionScore label={header} agent={row.name} figure={row[key]} />,
    renderSite: (site) => <SiteFigure label={header} figure={site[key]} />,
    signature: (row) => {
      const { score, low, high, n, tooLittleEvidence } = row[key];
      // Without evidence the cell shows "—" whatever the team prior does: nothing to flash.
      if (n === 0) return 'none';
      const shown = tooLittleEvidence ? [low, high, n] : [score, low, high, n];
      return `${tooLittleEvidence ? 'thin:' : ''}${shown.map(formatScore).join(',')}`;
    },
  };
}

export const SCORE_COLUMNS: ScoreColumn[] = [
  dimensionColumn(
    'responsiveness',
    'Responsiveness',
    'Resp.',
    'Responsiveness: helping visitors within the reply time the site promises them.',
  ),
  dimensionColumn(
    'reliability',
    'Reliability',
    'Rel.',
    'Reliability: keeping promises by their due time, and solutions that stick (no “This isn’t solved”).',
  ),
  dimensionColumn(
    'experience',
    'Experience',
    'Exp.',
    'Experience: how visitors say the conversation ended, and what stood out most to them.',
  ),
  {
    key: 'csat',
    header: 'CSAT',
    short: 'CSAT',
    description: 'CSAT: the share of ratings of 4 or 5 out of 5 in the last 30 days.',
    render: (row) => <Csat figure={row.csat} />,
    renderSite: (site) => <SiteCsat figure={site.csat} />,
    signature: (row) => `${formatPercent(row.csat.value)}/${row.csat.n}`,
  },
];

const FLASH_MS = 1_600;

interface Props {
  scores: LiveScoresView | null;
  /** The signed-in agent, whose row is marked "You". */
  selfId: string;
  columns?: ScoreColumn[];
  now?: number;
  /** The figures may be out of date (the connection is down). */
  stale?: boolean;
  /** Opens an agent's score breakdown; without it, rows open nothing. */
  onOpenBreakdown?: (agentId: string) => void;
  /**
   * The address of an agent's conversations in the history (a drill-down), offered on the rows
   * whose breakdown may be opened.
   */
  conversationsOf?: (agentId: string) => string;
  /** Whose breakdown the signed-in agent may open (default: everyone's). */
  canOpenBreakdown?: (agentId: string) => boolean;
}

export function LiveScores({
  scores,
  selfId,
  columns = SCORE_COLUMNS,
  now = Date.now(),
  stale = false,
  onOpenBreakdown,
  conversationsOf,
  canOpenBreakdown = () => true,
}: Props) {
  const flashing = useFlash(scores, columns);
  return (
    <section class="scores" aria-label="Live scores">
      <div class="pane-head">
        <h2 class="pane-title">Live scores</h2>
        {scores && (
          <span class="count" title={stale ? 'Not live: reconnecting' : 'Last update'}>
            <span class={`live-dot${stale ? ' is-stale' : ''}`} aria-hidden="true" />
            {stale ? 'Paused · ' : ''}
            {clockTime(scores.at, now)}
          </span>
        )}
      </div>
      {scores && (
        <p class="scores-site">
          <span class="scores-site-label">
            Team<span class="sr-only">:</span>
          </span>{' '}
          {columns.map((column, i) => (
            <span key={column.key} class="site-figure" title={column.description}>
              {i > 0 && <span class="sr-only">, </span>}
              <ColumnName column={column} /> {column.renderSite(scores.site)}
            </span>
          ))}
        </p>
      )}
      {scores === null ? (
        <p class="scores-empty muted">Loading scores…</p>
      ) : scores.agents.length === 0 ? (
        <p class="scores-empty muted">No agents yet.</p>
      ) : (
        <div class="scores-table-wrap">
          <table class="scores-table">
            <thead>
              <tr>
                <th scope="col" class="col-agent">
                  Agent
                </th>
                {columns.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    class={`col-figure col-${column.key}`}
                    title={column.description}
                  >
                    <ColumnName column={column} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scores.agents.map((row) => {
                const self = row.agentId === selfId;
                const noData = hasNoEvidence(row);
                const open =
                  onOpenBreakdown && canOpenBreakdown(row.agentId)
                    ? () => onOpenBreakdown(row.agentId)
                    : null;
                const classes = [
                  open && 'is-openable',
                  self && 'is-self',
                  noData && 'is-no-data',
                  flashing.has(row.agentId) && 'is-flashing',
                ].filter(Boolean);
                return (
                  <tr
                    key={row.agentId}
                    data-agent-id={row.agentId}
                    class={classes.join(' ') || undefined}
                    aria-current={self ? 'true' : undefined}
                    onClick={
                      open
                        ? (event) => {
                            // The name button opens it itself, and the conversations link leads
                            // elsewhere; the rest of the row opens the breakdown.
                            if (!(event.target as Element).closest('button, a')) open();
                          }
                        : undefined
                    }
                  >
                    <th scope="row" class="col-agent">
                      {open ? (
                        <button
                          type="button"
                          class="score-name score-name-button"
                          aria-haspopup="dialog"
                          title={`Why these scores? Open ${row.name}’s score breakdown`}
                          onClick={open}
                        >
                          {row.name}
                          <span class="score-name-chevron" aria-hidden="true">
                            ›
                          </span>
                        </button>
                      ) : (
                        <span class="score-name">{row.name}</span>
                      )}
                      {self && (
                        <>
                          {' '}
                          <span class="you-tag">You</span>
                        </>
                      )}
                      {noData && <span class="score-note">No data yet</span>}
                      {conversationsOf && canOpenBreakdown(row.agentId) && (
                        <a
                          class="score-drill"
                          href={conversationsOf(row.agentId)}
                          aria-label={`Conversations of ${row.name}`}
                        >
                          Conversations
                        </a>
                      )}
                    </th>
                    {columns.map((column) => (
                      <td key={column.key} class={`col-figure col-${column.key}`}>
                        {column.render(row, scores.site)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p class="scores-legend muted">
        Scores 0–100 from recent work, the newest counting most. Bar: the range a score is 90%
        likely to be in; it narrows as evidence grows. Too little evidence: the agent’s own evidence
        still weighs less than the team average it starts from, so only the range is shown. —: no
        data yet. CSAT: ratings of 4–5 in the last 30 days.
      </p>
    </section>
  );
}

/** The full name for screen readers and wide regions, the short one where space is tight. */
function ColumnName({ column }: { column: ScoreColumn }) {
  if (column.short === column.header) return <>{column.header}</>;
  return (
    <>
      <span class="col-long">{column.header}</span>
      <span class="col-short" aria-hidden="true">
        {column.short}
      </span>
    </>
  );
}

/** Whether the agent has nothing yet that any figure is based on. */
function hasNoEvidence(row: AgentScores): boolean {
  return (
    row.responsiveness.n === 0 &&
    row.reliability.n === 0 &&
    row.experience.n === 0 &&
    row.csat.n === 0
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function DimensionScore({
  label,
  agent,
  figure,
}: {
  label: string;
  agent: string;
  figure: AgentDimensionScore;
}) {
  if (figure.n === 0) {
    return (
      <span
        class="score is-empty"
        title={`${label}: no data yet for ${agent}. Until there is some, it counts as the team’s ${formatScore(figure.score)}.`}
      >
        <span class="score-pill">{EMPTY}</span>
        <span class="score-detail">
          <span class="sr-only">, </span>no data yet
        </span>
      </span>
    );
  }
  const score = formatScore(figure.score);
  const low = formatScore(figure.low);
  const high = formatScore(figure.high);
  if (figure.tooLittleEvidence) {
    return (
      <span
        class="score is-thin"
        title={`${label}: too little evidence yet for ${agent} to show a score. Likely between ${low} and ${high} (90%), from ${plural(figure.n, 'observation', 'observations')}; the breakdown shows how it is made up.`}
      >
        <span class="score-thin">too little evidence</span>
        <span class="score-pill score-range">
          <span class="sr-only">, range </span>
          {low}–{high}
        </span>
        <span class="score-detail">
          <span class="sr-only">, </span>n={figure.n}
        </span>
      </span>
    );
  }
  // No "better or worse than the team" colouring: an agent's score is shrunk toward the team
  // and the site's figure is not, so the two do not compare (the best agent of a small team
  // would look worse than the team). The interval says how sure the score is.
  return (
    <span
      class="score"
      title={`${label} ${score}: likely between ${low} and ${high} (90%), from ${plural(figure.n, 'observation', 'observations')}.`}
    >
      <span class="score-pill">{score}</span>
      <span class="score-aside">
        <IntervalBar figure={figure} />
        <span class="score-detail">
          <span class="sr-only">, range </span>
          {low}–{high}, n={figure.n}
        </span>
      </span>
    </span>
  );
}

/** A 0–100 track with the 90% interval filled and the score marked. */
function IntervalBar({ figure }: { figure: AgentDimensionScore }) {
  const clamp = (x: number) => Math.min(100, Math.max(0, x));
  const low = clamp(figure.low);
  const high = clamp(figure.high);
  return (
    <span class="ibar" aria-hidden="true">
      <span class="ibar-range" style={{ left: `${low}%`, width: `${Math.max(high - low, 1)}%` }} />
      <span class="ibar-mark" style={{ left: `${clamp(figure.score)}%` }} />
    </span>
  );
}

function Csat({ figure }: { figure: CsatFigure }) {
  if (figure.value === null) {
    return (
      <span class="score is-empty" title="CSAT: no ratings in the last 30 days.">
        <span class="score-pill">{EMPTY}</span>
      </span>
    );
  }
  return (
    <span
      class="score score--csat"
      title={`CSAT ${formatPercent(figure.value)}: ${plural(figure.n, 'rating', 'ratings')} in the last 30 days.`}
    >
      <span class="score-pill">{formatPercent(figure.value)}</span>
      <span class="score-n">
        <span class="sr-only">, </span>n={figure.n}
      </span>
    </span>
  );
}

function SiteFigure({ label, figure }: { label: string; figure: SiteDimensionScore }) {
  if (figure.score === null) {
    return (
      <b class="site-value is-empty" title={`${label}: no data yet.`}>
        {EMPTY}
      </b>
    );
  }
  return (
    <b
      class="site-value"
      title={`${label} of the whole team: ${formatScore(figure.score)}, from ${plural(figure.n, 'observation', 'observations')}.`}
    >
      {formatScore(figure.score)}
    </b>
  );
}

function SiteCsat({ figure }: { figure: CsatFigure }) {
  return (
    <b
      class={`site-value${figure.value === null ? ' is-empty' : ''}`}
      title={
        figure.value === null
          ? 'CSAT: no ratings in the last 30 days.'
          : `CSAT of the whole team: ${formatPercent(figure.value)} of ${plural(figure.n, 'rating', 'ratings')} in the last 30 days.`
      }
    >
      {formatPercent(figure.value)}
    </b>
  );
}

/** Agent ids whose figures changed in the latest push, for a moment. */
function useFlash(scores: LiveScoresView | null, columns: ScoreColumn[]): ReadonlySet<string> {
  const previous = useRef<Map<string, string> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [flashing, setFlashing] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!scores) return;
    const signatures = new Map(
      scores.agents.map((row) => [row.agentId, columns.map((c) => c.signature(row)).join('|')]),
    );
    const before = previous.current;
    previous.current = signatures;
    if (!before) return;
    const changed = new Set(
      [...signatures].filter(([id, signature]) => before.get(id) !== signature).map(([id]) => id),
    );
    if (changed.size === 0) return;
    setFlashing(changed);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setFlashing(new Set()), FLASH_MS);
  }, [scores, columns]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return flashing;
}
