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
 * Columns are data (`scoreColumns`), so a new figure is one entry.
 *
 * Where a row's breakdown may be opened (one's own; any for supervisors), the agent's name is a
 * button and the whole row is clickable: "why did this score move?" is one click away.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
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
import { useT, type ConsoleDictionary } from '../i18n';

type ScoreWords = ConsoleDictionary['live']['scores'];

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

function dimensionColumn(key: ScoredDimension, t: ConsoleDictionary): ScoreColumn {
  const { name: header, short, description } = t.live.dimensions[key];
  const words = t.live.scores;
  return {
    key,
    header,
    short,
    description,
    render: (row) => (
      <DimensionScore label={header} agent={row.name} figure={row[key]} words={words} />
    ),
    renderSite: (site) => <SiteFigure label={header} figure={site[key]} words={words} />,
    signature: (row) => {
      const { score, low, high, n, tooLittleEvidence } = row[key];
      // Without evidence the cell shows "—" whatever the team prior does: nothing to flash.
      if (n === 0) return 'none';
      const shown = tooLittleEvidence ? [low, high, n] : [score, low, high, n];
      return `${tooLittleEvidence ? 'thin:' : ''}${shown.map(formatScore).join(',')}`;
    },
  };
}

/** The live scores' columns, worded in the language of `t`. */
export function scoreColumns(t: ConsoleDictionary): ScoreColumn[] {
  const csat = t.live.dimensions.csat;
  return [
    dimensionColumn('responsiveness', t),
    dimensionColumn('reliability', t),
    dimensionColumn('experience', t),
    {
      key: 'csat',
      header: csat.name,
      short: csat.short,
      description: csat.description,
      render: (row) => <Csat figure={row.csat} words={t.live.scores} />,
      renderSite: (site) => <SiteCsat figure={site.csat} words={t.live.scores} />,
      signature: (row) => `${formatPercent(row.csat.value)}/${row.csat.n}`,
    },
  ];
}

const FLASH_MS = 1_600;

interface Props {
  scores: LiveScoresView | null;
  /** The signed-in agent, whose row is marked "You". */
  selfId: string;
  /** The columns shown (all of `scoreColumns` unless given). */
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
  columns: given,
  now = Date.now(),
  stale = false,
  onOpenBreakdown,
  conversationsOf,
  canOpenBreakdown = () => true,
}: Props) {
  const t = useT();
  const words = t.live.scores;
  const worded = useMemo(() => scoreColumns(t), [t]);
  const columns = given ?? worded;
  const flashing = useFlash(scores, columns);
  return (
    <section class="scores" aria-label={words.title}>
      <div class="pane-head">
        <h2 class="pane-title">{words.title}</h2>
        {scores && (
          <span class="count" title={stale ? words.paused : words.lastUpdate}>
            <span class={`live-dot${stale ? ' is-stale' : ''}`} aria-hidden="true" />
            {stale ? `${words.pausedLabel} · ` : ''}
            {clockTime(scores.at, now)}
          </span>
        )}
      </div>
      {scores && (
        <p class="scores-site">
          <span class="scores-site-label">
            {words.team}
            <span class="sr-only">{words.colon}</span>
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
        <p class="scores-empty muted">{words.loading}</p>
      ) : scores.agents.length === 0 ? (
        <p class="scores-empty muted">{words.noAgents}</p>
      ) : (
        <div class="scores-table-wrap">
          <table class="scores-table">
            <thead>
              <tr>
                <th scope="col" class="col-agent">
                  {words.agent}
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
                          title={words.openBreakdown(row.name)}
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
                          <span class="you-tag">{words.you}</span>
                        </>
                      )}
                      {noData && <span class="score-note">{words.noData}</span>}
                      {conversationsOf && canOpenBreakdown(row.agentId) && (
                        <a
                          class="score-drill"
                          href={conversationsOf(row.agentId)}
                          aria-label={words.conversationsOf(row.name)}
                        >
                          {words.conversations}
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
      <p class="scores-legend muted">{words.legend}</p>
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

function DimensionScore({
  label,
  agent,
  figure,
  words,
}: {
  label: string;
  agent: string;
  figure: AgentDimensionScore;
  words: ScoreWords;
}) {
  if (figure.n === 0) {
    return (
      <span
        class="score is-empty"
        title={words.noDataTitle(label, agent, formatScore(figure.score))}
      >
        <span class="score-pill">{EMPTY}</span>
        <span class="score-detail">
          <span class="sr-only">, </span>
          {words.noDataCell}
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
        title={words.tooLittleTitle(label, agent, low, high, words.observations(figure.n))}
      >
        <span class="score-thin">{words.tooLittle}</span>
        <span class="score-pill score-range">
          <span class="sr-only">, {words.range} </span>
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
      title={words.scoreTitle(label, score, low, high, words.observations(figure.n))}
    >
      <span class="score-pill">{score}</span>
      <span class="score-aside">
        <IntervalBar figure={figure} />
        <span class="score-detail">
          <span class="sr-only">, {words.range} </span>
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

function Csat({ figure, words }: { figure: CsatFigure; words: ScoreWords }) {
  if (figure.value === null) {
    return (
      <span class="score is-empty" title={words.csatNone}>
        <span class="score-pill">{EMPTY}</span>
      </span>
    );
  }
  return (
    <span
      class="score score--csat"
      title={words.csatTitle(formatPercent(figure.value), words.ratings(figure.n))}
    >
      <span class="score-pill">{formatPercent(figure.value)}</span>
      <span class="score-n">
        <span class="sr-only">, </span>n={figure.n}
      </span>
    </span>
  );
}

function SiteFigure({
  label,
  figure,
  words,
}: {
  label: string;
  figure: SiteDimensionScore;
  words: ScoreWords;
}) {
  if (figure.score === null) {
    return (
      <b class="site-value is-empty" title={words.siteNone(label)}>
        {EMPTY}
      </b>
    );
  }
  return (
    <b
      class="site-value"
      title={words.siteTitle(label, formatScore(figure.score), words.observations(figure.n))}
    >
      {formatScore(figure.score)}
    </b>
  );
}

function SiteCsat({ figure, words }: { figure: CsatFigure; words: ScoreWords }) {
  return (
    <b
      class={`site-value${figure.value === null ? ' is-empty' : ''}`}
      title={
        figure.value === null
          ? words.csatNone
          : words.siteCsatTitle(formatPercent(figure.value), words.ratings(figure.n))
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
