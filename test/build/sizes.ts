/**
 * Sizes of the built widget, compressed as browsers receive it, against the product's budgets
 * (product.md): the loader every page pays for, and the whole widget once opened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const WIDGET_DIR = 'dist/widget';

/** Bytes, gzip: 1.5 KB for the loader, 25 KB for loader + app + CSS (kB = 1000 bytes). */
export const BUDGETS = { loader: 1_500, widget: 25_000 } as const;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

const measure = (file: string): ChunkSize => {
  const content = readFileSync(join(WIDGET_DIR, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
};

/** The loader and every chunk it may load (the app carries its CSS inside). */
export function widgetSizes(): { loader: ChunkSize; chunks: ChunkSize[]; total: number } {
  const loader = measure('widget.js');
  const chunks = readdirSync(WIDGET_DIR)
    .filter((file) => file.endsWith('.js') && file !== 'widget.js')
    .sort()
    .map(measure);
  return { loader, chunks, total: loader.gzip + chunks.reduce((sum, c) => sum + c.gzip, 0) };
}
