/**
 * The processes a bench run starts: the real server (one or two nodes) and the bare reference
 * loop, each in its own process so the load generator does not share their event loops. Start
 * time is measured here, from spawn to the first /healthz that answers 200.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/**
 * How the real server is started. The one place to change when `npm start` moves to a compiled
 * build (e.g. `node dist/server/index.js`): every phase starts the server through this.
 */
export function serverCommand(): { command: string; args: string[] } {
  if (!built) {
    // As `npm start` runs it: compiled (rebuilt first if the sources are newer).
    execFileSync(process.execPath, ['server/build.mjs'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    built = true;
  }
  // BENCH_PROFILE=DIR: each server writes a CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE;
  const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  return { command: process.execPath, args: [...profiling, 'dist/server/index.js'] };
}

let built = false;

/** How the bare reference loop is started: the same runtime and loader as the server. */
function bareLoopCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--import', 'tsx', 'test/bench/bare-loop.ts'] };
}

export interface Running {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** From spawn to the first /healthz answered 200, in ms. */
  startMs: number;
  /** What it wrote to stderr (the last lines), and how many lines in all. */
  stderr(): { lines: number; tail: string[] };
  stop(): Promise<void>;
}

const alive = new Set<ChildProcess>();
// Whatever ends the bench, none of its servers outlive it.
process.on('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

async function launch(
  name: string,
  { command, args }: { command: string; args: string[] },
  env: Record<string, string>,
  startTimeoutMs: number,
): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  alive.add(child);
  let lines = 0;
  const tail: string[] = [];
  let partial = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines++;
      tail.push(line);
      if (tail.length > 20) tail.shift();
    }
  });
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = signal ?? `code ${code}`;
      alive.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (exit !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    await exited;
    clearTimeout(timer);
  };

  // Polled often: the first answer is the start time.
  while (performance.now() - started < startTimeoutMs) {
    if (exit !== null) break;
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        return {
          name,
          url,
          pid: child.pid!,
          child,
          startMs: performance.now() - started,
          stderr: () => ({ lines, tail: [...tail] }),
          stop,
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await stop();
  const why =
    exit === null
      ? `did not answer /healthz within ${startTimeoutMs / 1000} s`
      : `exited (${exit as string}) before answering /healthz`;
  throw new Error(`${name} ${why}:\n${tail.join('\n')}`);
}

/** The real server on `databaseUrl`; `demo` seeds the demo site and its agents (whom the bench signs in). */
export function startServer(
  name: string,
  databaseUrl: string,
  { demo = true, startTimeoutMs = 120_000 } = {},
): Promise<Running> {
  return launch(
    name,
    serverCommand(),
    {
      DATABASE_URL: databaseUrl,
      PEAKEND_ADMIN_TOKEN: ADMIN_TOKEN,
      PEAKEND_DEMO: String(demo),
      // Only what the bench writes itself is measured.
      PEAKEND_DEMO_HISTORY: 'false',
    },
    startTimeoutMs,
  );
}

/** The bare reference loop (bare-loop.ts) on a SQLite file of its own. */
export function startBareLoop(path: string): Promise<Running> {
  return launch('bare loop', bareLoopCommand(), { BARE_DB: path }, 60_000);
}

/** A process's resident memory in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

/** How many files a process has open, and how many it may (its soft RLIMIT_NOFILE). */
export function fileDescriptors(pid: number): { open: number; limit: number } {
  const open = readdirSync(`/proc/${pid}/fd`).length;
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  const limit = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  return { open, limit: limit === undefined || limit === 'unlimited' ? Infinity : Number(limit) };
}

/** A warning line when a server wrote to stderr during the run (its errors are part of the result). */
export function stderrNote(running: Running): string | null {
  const { lines, tail } = running.stderr();
  if (lines === 0) return null;
  return `${running.name} wrote ${lines} line(s) to stderr; the last:\n    ${tail.slice(-5).join('\n    ')}`;
}
