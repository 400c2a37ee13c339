/**
 * `npm start`: builds the browser bundles when they are missing or older than their sources,
 * then runs the server with the demo on (PEAKEND_DEMO=false turns it off).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = ['dist/widget/widget.js', 'dist/console/index.html'].map((f) => join(root, f));
const sources = ['widget', 'shared', 'vite.config.ts'].map((f) => join(root, f));

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = outputs.every(existsSync);
const builtAt = built ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
if (!built || Math.max(...sources.map(newest)) > builtAt) {
  console.info('Building the widget and console…');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}

process.env.PEAKEND_DEMO ??= 'true';
const { register } = await import('tsx/esm/api');
register();
await import('./index.ts');
