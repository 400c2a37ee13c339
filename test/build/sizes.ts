/**
 * Sizes of the built widget, compressed as browsers receive it, against the product's budgets
 * (product.md, decisions.md): the loader every page pays for; the whole widget a visitor
 * downloads for a chat and a rating in one language (loader, app with its CSS, and the largest
 * language chunk); and each chunk loaded only on demand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const WIDGET_DIR = 'dist/widget';

/** Bytes, gzip (kB = 1000 bytes). */
export const BUDGETS = { loader: 1_500, widget: 25_000, lazyChunk: 5_000 } as const;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

const measure = (file: string): ChunkSize => {
  const content = readFileSync(join(WIDGET_DIR, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
};

/** A chunk the app loads only for some visitors: a language other than English. */
export const isLazy = (file: string) => file.startsWith('lang-');

export function widgetSizes(): {
  loader: ChunkSize;
  /** What every visitor who opens the chat downloads after the loader: the app. */
  app: ChunkSize[];
  lazy: ChunkSize[];
  total: number;
} {
  const loader = measure('widget.js');
  const files = readdirSync(WIDGET_DIR)
    .filter((file) => file.endsWith('.js') && file !== 'widget.js')
    .sort();
  const app = files.filter((file) => !isLazy(file)).map(measure);
  const lazy = files.filter(isLazy).map(measure);
  const largestLanguage = Math.max(0, ...lazy.map((chunk) => chunk.gzip));
  const total = loader.gzip + app.reduce((sum, c) => sum + c.gzip, 0) + largestLanguage;
  return { loader, app, lazy, total };
}
