/**
 * Where the server finds the files it serves. It runs from its sources (server/*.ts, in tests)
 * or compiled into dist/server/ (`npm start`, `npm run build`), one level deeper: the server
 * build defines `__PEAKEND_COMPILED__` (vite.config.ts) so both find the same project root.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __PEAKEND_COMPILED__: boolean | undefined;

const compiled = typeof __PEAKEND_COMPILED__ !== 'undefined' && __PEAKEND_COMPILED__;

/** The project's root: the directory of package.json. */
export const ROOT_DIR = fileURLToPath(new URL(compiled ? '../..' : '..', import.meta.url));

/** The built browser bundles (`npm run build`): the widget and the console. */
export const DIST_DIR = join(ROOT_DIR, 'dist');
