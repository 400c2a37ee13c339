/**
 * The bench's table: each figure with the bare loop's measured in the same run, their ratio, the
 * budget (product.md and the scale-out issue) and whether the figure is within it. Printed, and
 * written to test-results/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A budget: against the bare loop (a ratio), absolute, or both (then both must hold). */
export interface Budget {
  /** Higher is better (throughput) or lower is better (latency, memory, time). */
  better: 'higher' | 'lower';
  /** The most (lower) or least (higher) the ratio to the bare loop may be. */
  ratio?: number;
  /** The most (lower) or least (higher) the figure itself may be. */
  absolute?: number;
}

export interface Row {
  section: string;
  name: string;
  unit: string;
  value: number | string;
  /** The bare loop's figure for the same load, measured in this run. */
  bare?: number;
  budget?: Budget;
  /** A condition the figure also needs to count as within budget (e.g. everything delivered). */
  requires?: { holds: boolean; why: string };
  note?: string;
  /** Counts behind the figure (sent, delivered, acked…), for bench.json. */
  counts?: Record<string, number>;
}

const rows: Row[] = [];
const notes: string[] = [];

export function add(row: Row): void {
  rows.push(row);
}

/** A line printed under the table (skipped phases, what was not measured, stderr of a server). */
export function note(line: string): void {
  notes.push(line);
}

const ratioOf = (row: Row) =>
  typeof row.value === 'number' &&
  row.bare !== undefined &&
  row.bare > 0 &&
  Number.isFinite(row.value)
    ? row.value / row.bare
    : undefined;

function budgetText(budget: Budget | undefined, unit: string): string {
  if (!budget) return '';
  const sign = budget.better === 'higher' ? '≥' : '≤';
  const parts: string[] = [];
  if (budget.ratio !== undefined) parts.push(`${sign} ${budget.ratio}× bare`);
  if (budget.absolute !== undefined) parts.push(`${sign} ${format(budget.absolute)} ${unit}`);
  return parts.join(', ');
}

function within(row: Row): boolean | null {
  const { budget } = row;
  if (!budget) return null;
  if (typeof row.value !== 'number' || !Number.isFinite(row.value)) return false;
  if (row.requires && !row.requires.holds) return false;
  const fits = (value: number, limit: number) =>
    budget.better === 'higher' ? value >= limit : value <= limit;
  if (budget.absolute !== undefined && !fits(row.value, budget.absolute)) return false;
  if (budget.ratio !== undefined) {
    const ratio = ratioOf(row);
    if (ratio === undefined || !fits(ratio, budget.ratio)) return false;
  }
  return true;
}

function format(value: number | string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const startedAt = performance.now();

/** A progress line on stderr, with the seconds since the bench started. */
export function progress(line: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[${seconds} s] ${line}\n`);
}

export function print(title: string): void {
  const header = ['figure', 'measured', 'bare loop', 'ratio', 'budget', 'within'];
  // Grouped by section, in the order the sections first appear.
  const sections = [...new Set(rows.map((row) => row.section))];
  const ordered = sections.flatMap((section) => rows.filter((row) => row.section === section));
  const table = ordered.map((row) => {
    const ratio = ratioOf(row);
    const ok = within(row);
    return {
      section: row.section,
      cells: [
        `${row.name}${row.unit ? ` (${row.unit})` : ''}`,
        format(row.value),
        format(row.bare),
        ratio === undefined ? '' : `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}×`,
        budgetText(row.budget, row.unit),
        ok === null
          ? ''
          : ok
            ? 'yes'
            : `NO${row.requires && !row.requires.holds ? ` (${row.requires.why})` : ''}`,
      ],
      note: row.note,
    };
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r.cells[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}\n`);
  console.log(`  ${line(header)}`);
  let section = '';
  for (const row of table) {
    if (row.section !== section) {
      section = row.section;
      console.log(`\n  ${section}`);
    }
    console.log(`  ${line(row.cells)}`);
    if (row.note) console.log(`    ↳ ${row.note}`);
  }
  if (notes.length > 0) {
    console.log('');
    for (const line of notes) console.log(`  • ${line}`);
  }
  console.log('');
}

function round<T>(value: T): T | number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number') return value;
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : null;
}

export function write(path: string, meta: Record<string, unknown>): void {
  const figures = rows.map((row) => ({
    section: row.section,
    figure: row.name,
    unit: row.unit,
    value: round(row.value),
    bare: round(row.bare),
    ratio: round(ratioOf(row)),
    budget: budgetText(row.budget, row.unit) || null,
    withinBudget: within(row),
    ...(row.requires && { requires: row.requires }),
    ...(row.note && { note: row.note }),
    ...(row.counts && { counts: row.counts }),
  }));
  mkdirSync(path.replace(/\/[^/]*$/, ''), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...meta, figures, notes }, null, 2)}\n`);
}
