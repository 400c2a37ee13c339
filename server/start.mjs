/**
 * `npm start`: builds the browser bundles and the server when they are missing or older than
 * their sources (build.mjs), then runs the compiled server, dist/server/index.js, with the demo
 * on (PEAKEND_DEMO=false turns it off). No TypeScript is compiled at run time.
 */
import { buildIfStale } from './build.mjs';

buildIfStale();

process.env.PEAKEND_DEMO ??= 'true';
// Stack traces name the TypeScript sources (the build writes source maps beside the code).
process.setSourceMapsEnabled?.(true);
await import('../dist/server/index.js');
