/**
 * The widget stays within its size budgets: every host page pays for the loader, and every
 * visitor who opens the chat for the rest. Runs on the bundles `npm test` has just built.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGETS, WIDGET_DIR, widgetSizes } from './sizes';

describe('widget size', () => {
  it('is built', () => {
    expect(existsSync(`${WIDGET_DIR}/widget.js`), 'run `npm run build` first').toBe(true);
  });

  it(`keeps the loader within ${BUDGETS.loader} bytes gzip`, () => {
    expect(widgetSizes().loader.gzip).toBeLessThanOrEqual(BUDGETS.loader);
  });

  it(`keeps loader + app + CSS + one language within ${BUDGETS.widget} bytes gzip`, () => {
    const { app, total } = widgetSizes();
    expect(app.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(BUDGETS.widget);
  });

  it(`builds each language as a chunk of at most ${BUDGETS.lazyChunk} bytes gzip`, () => {
    const { lazy } = widgetSizes();
    expect(lazy.map((chunk) => chunk.file.split('-')[1]).sort()).toEqual([
      'de',
      'en',
      'es',
      'fr',
      'nl',
    ]);
    for (const chunk of lazy) expect(chunk.gzip, chunk.file).toBeLessThanOrEqual(BUDGETS.lazyChunk);
  });
});
