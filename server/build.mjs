/**
 * Builds what is missing or older than its sources: the browser bundles (the widget and the
 * console) and the compiled server (dist/server/). `npm start`, `npm run dev` and
 * `npm run backup` call it first, and so do the tests that run the server as a process;
 * `node server/build.mjs` runs it alone. `npm run build` builds everything, stale or not.
 *
 * Where the sources are not there (a deployed build, like the Docker image), the build is used
 * as it is. What the build prints goes to stderr, so a command's own output stays on stdout.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Scripts run as they are, never compiled: editing them rebuilds nothing. */
const NOT_COMPILED = new Set(['build.mjs', 'start.mjs'].map((f) => join(root, 'server', f)));

const targets = [
  {
    what: 'the widget and console',
    script: 'build:browser',
    outputs: ['dist/widget/widget.js', 'dist/console/index.html'],
    sources: ['widget', 'shared', 'vite.config.ts'],
  },
  {
    what: 'the server',
    script: 'build:server',
    outputs: ['dist/server/index.js', 'dist/server/backup.js'],
    sources: ['server', 'shared', 'vite.config.ts'],
  },
];

/** The newest modification time under `path`, in ms. */
function newest(path) {
  if (NOT_COMPILED.has(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds each target whose outputs are missing or older than its sources. */
export function buildIfStale() {
  for (const target of targets) {
    const outputs = target.outputs.map((f) => join(root, f));
    const sources = target.sources.map((f) => join(root, f));
    if (!sources.every(existsSync)) continue; // a deployed build: nothing to build from
    const built = outputs.every(existsSync);
    const builtAt = built ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
    if (built && Math.max(...sources.map(newest)) <= builtAt) continue;
    process.stderr.write(`Building ${target.what}…\n`);
    execSync(`npm run ${target.script} --silent`, { cwd: root, stdio: ['ignore', 2, 2] });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildIfStale();
