/**
 * A trend's chart, drawn by uPlot (a small, well-kept chart library). Only this module imports
 * it, and the Trends view loads this module with a dynamic import, so uPlot is a chunk of its own
 * that only supervisors opening Trends download: the visitor widget and the rest of the console
 * never carry it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { consoleLocale } from '../i18n/locale';

export interface TrendSeries {
  /** Bucket ends, epoch seconds. */
  ends: number[];
  values: (number | null)[];
  /** The 90% interval, when the figure has one (agents' scores). */
  low?: (number | null)[];
  high?: (number | null)[];
}

const ACCENT = '#4f46e5';
const BAND = 'rgba(79, 70, 229, 0.14)';

export const CHART_HEIGHT = 200;

const DAY_S = 86_400;

/**
 * The time axis's dates as the console's locale writes them (uPlot's own are English): days
 * ("2 Nov", "2. Nov."), or months when the ticks are a month or more apart.
 */
function dates(_chart: uPlot, splits: number[], _axis: number, _space: number, incr: number) {
  const format = new Intl.DateTimeFormat(
    consoleLocale(),
    incr >= 28 * DAY_S
      ? { month: 'short' }
      : incr >= DAY_S
        ? { day: 'numeric', month: 'short' }
        : { hour: 'numeric', minute: '2-digit' },
  );
  return splits.map((at) => format.format(at * 1000));
}

/** A chart drawn: how to fit it to a new width, and to remove it. */
export interface DrawnTrend {
  resize(width: number): void;
  remove(): void;
}

/** Draws the series into `into`, `width` pixels wide. */
export function drawTrend(into: HTMLElement, series: TrendSeries, width: number): DrawnTrend {
  const withBand = series.low !== undefined && series.high !== undefined;
  const data: uPlot.AlignedData = withBand
    ? [series.ends, series.values, series.low ?? [], series.high ?? []]
    : [series.ends, series.values];
  const chart = new uPlot(
    {
      width,
      height: CHART_HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: [0, 100] } },
      axes: [
        // Room for the longer dates of some locales ("14. Sept."), so they never touch.
        { values: dates, space: 64 },
        { values: (_u, ticks) => ticks.map((t) => `${t}`) },
      ],
      series: [
        {},
        { label: 'Score', stroke: ACCENT, width: 2, spanGaps: true, points: { size: 5 } },
        ...(withBand
          ? [
              { label: 'Low', stroke: 'transparent', points: { show: false } },
              { label: 'High', stroke: 'transparent', points: { show: false } },
            ]
          : []),
      ],
      bands: withBand ? [{ series: [3, 2], fill: BAND }] : [],
    },
    data,
    into,
  );
  return {
    resize: (to) => chart.setSize({ width: to, height: CHART_HEIGHT }),
    remove: () => chart.destroy(),
  };
}
