/**
 * "Live scores": one row per agent of the site, updated on every push. Columns are data
 * (`SCORE_COLUMNS`), so new figures (responsiveness, reliability, experience with their
 * intervals) are one entry each.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentScoreRow, LiveScores as LiveScoresView } from '../../../shared/protocol';
import { clockTime, EMPTY, formatMean, formatPercent } from '../format';

export interface ScoreColumn {
  key: string;
  header: string;
  /** What the figure means, as a tooltip and for screen readers. */
  description: string;
  render: (row: AgentScoreRow) => ComponentChildren;
  /** What, when it changes, makes the row flash. */
  signature: (row: AgentScoreRow) => string;
}

export const SCORE_COLUMNS: ScoreColumn[] = [
  {
    key: 'ratings',
    header: 'Ratings',
    description: 'Ratings of this agent’s conversations',
    render: (row) => row.ratings,
    signature: (row) => String(row.ratings),
  },
  {
    key: 'meanEnd',
    header: 'End',
    description: 'Mean answer to “How did this conversation end?”, from 1 to 5',
    render: (row) => formatMean(row.meanEnd),
    signature: (row) => String(row.meanEnd),
  },
  {
    key: 'csat',
    header: 'CSAT',
    description: 'Share of ratings of 4 or 5 in the last 30 days, with how many ratings',
    render: (row) =>
      row.csat.value === null ? (
        EMPTY
      ) : (
        <>
          {formatPercent(row.csat.value)}
          <span class="score-n">
            <span class="sr-only">, </span>n={row.csat.n}
          </span>
        </>
      ),
    signature: (row) => `${row.csat.value}/${row.csat.n}`,
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
}

export function LiveScores({
  scores,
  selfId,
  columns = SCORE_COLUMNS,
  now = Date.now(),
  stale = false,
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
                  <th key={column.key} scope="col" class="num" title={column.description}>
                    <abbr title={column.description}>{column.header}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scores.agents.map((row) => {
                const self = row.agentId === selfId;
                return (
                  <tr
                    key={row.agentId}
                    data-agent-id={row.agentId}
                    class={`${self ? 'is-self' : ''}${flashing.has(row.agentId) ? ' is-flashing' : ''}`}
                    aria-current={self ? 'true' : undefined}
                  >
                    <th scope="row" class="col-agent">
                      <span class="score-name">{row.name}</span>
                      {self && <span class="you-tag">You</span>}
                    </th>
                    {columns.map((column) => (
                      <td key={column.key} class="num">
                        {column.render(row)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p class="scores-legend muted">End: mean of 1–5 · CSAT: ratings of 4–5, last 30 days</p>
    </section>
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
