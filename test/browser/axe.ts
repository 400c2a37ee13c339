/** axe-core (WCAG 2.x A and AA rules) run on the widget in a real page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { settle } from './widget';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core on the widget's host element (axe descends into its open shadow root). */
export async function axeViolations(page: Page): Promise<string[]> {
  await settle(page);
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document.querySelector('peakend-widget'), {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
    })) as { violations: unknown };
    return result.violations;
  });
  return (violations as AxeViolation[]).flatMap((v) =>
    v.nodes.map(
      (node) => `${v.id} (${v.help}) at ${JSON.stringify(node.target)}: ${node.failureSummary}`,
    ),
  );
}

/**
 * axe-core's WCAG 2.x A and AA findings on the whole page (the console), one line each; with
 * `bestPractice`, axe's best-practice rules too.
 */
export async function axePageFindings(
  page: Page,
  { bestPractice = false }: { bestPractice?: boolean } = {},
): Promise<string[]> {
  await page.waitForTimeout(300); // animations done
  // Evaluated by the browser's debugging protocol, which the console's strict CSP does not limit.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  if (bestPractice) tags.push('best-practice');
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { runOnly })) as {
      violations: { id: string; nodes: { target: unknown[] }[] }[];
    };
    return result.violations.flatMap((v) =>
      v.nodes.map((node) => `${v.id} at ${JSON.stringify(node.target)}`),
    );
  }, tags);
}
