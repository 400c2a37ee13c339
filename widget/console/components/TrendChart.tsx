/**
 * A trend's chart as the insights views show it: named "… over time", drawn once the chart module
 * (trendChart.ts, uPlot, loaded on first use) has loaded; if loading fails, the table beside it
 * still has every figure.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { consoleLocale } from '../i18n/locale';
import type { DrawnTrend, drawTrend, TrendSeries } from './trendChart';

/** The chart module's one export, as the dynamic import yields it. */
export type ChartModule = { drawTrend: typeof drawTrend };

/** One point of a measure: the figure, its band when it has one, and n. */
export interface Point {
  end: string;
  partial: boolean;
  value: number | null;
  low?: number;
  high?: number;
  n: number;
}

/** The chart, drawn once the chart module has loaded; its name is the section's. */
export function Chart({
  name,
  points,
  loadChart,
}: {
  name: string;
  points: Point[];
  loadChart: () => Promise<ChartModule>;
}) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let drawn: DrawnTrend | null = null;
    let resizing: ResizeObserver | null = null;
    let current = true;
    const series: TrendSeries = {
      ends: points.map((p) => Date.parse(p.end) / 1000),
      values: points.map((p) => p.value),
      ...(points.some((p) => p.low !== undefined) && {
        low: points.map((p) => p.low ?? null),
        high: points.map((p) => p.high ?? null),
      }),
    };
    loadChart()
      .then(({ drawTrend }) => {
        const element = box.current;
        if (!current || !element) return;
        const widthOf = () => Math.max(280, element.clientWidth || 600);
        let width = widthOf();
        const chart = drawTrend(element, series, width);
        drawn = chart;
        // The window or the layout around it changes size: the chart follows its box.
        if (typeof ResizeObserver === 'function') {
          resizing = new ResizeObserver(() => {
            if (widthOf() === width) return;
            width = widthOf();
            chart.resize(width);
          });
          resizing.observe(element);
        }
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
      resizing?.disconnect();
      drawn?.remove();
    };
  }, [points, loadChart]);
  return (
    <figure class="trend-chart" role="img" aria-label={name}>
      <div ref={box} />
      {failed && <figcaption class="muted">{t.insights.trends.chartFailed}</figcaption>}
    </figure>
  );
}

/**
 * A period by its last day in the site's calendar: it ends at the next local midnight (or now,
 * for the one still running), so the millisecond before its end is in that day.
 */
export const lastDay = (end: string, timeZone: string) =>
  new Date(Date.parse(end) - 1).toLocaleDateString(consoleLocale(), {
    dateStyle: 'medium',
    timeZone,
  });
