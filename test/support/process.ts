/**
 * The real server as an operating-system process, started the way `npm start` starts it (the
 * compiled server, rebuilt first when older than its sources), for what only a process can
 * show: a SIGKILL, a SIGTERM, a refused start, a backup taken by another process while it serves.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, TEST_ADMIN_TOKEN } from './server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NodeProcess {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output(): string;
  exited: Promise<Exit>;
}

let built = false;

/**
 * The compiled form of an entry point (`server/index.ts` runs as `dist/server/index.js`), built
 * once per test process when missing or older than the sources: tests run the code they read.
 */
function compiled(entry: string): string {
  const name = /^server\/([\w-]+)\.ts$/.exec(entry)?.[1];
  if (!name) throw new Error(`${entry} is not an entry point of the server`);
  if (!built) {
    execFileSync(process.execPath, ['server/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    built = true;
  }
  return `dist/server/${name}.js`;
}

/** Runs one of the project's entry points (`server/index.ts`, …), compiled, from its root. */
export function runScript(
  entry: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): NodeProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', compiled(entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/**
 * Waits for the process to end. `ms` bounds the wait so a hung process fails the test with what
 * it said; it is a liveness bound, not a measure of speed.
 */
export async function exitWithin(running: NodeProcess, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      running.child.kill('SIGKILL');
      reject(new Error(`still running after ${ms} ms; it said:\n${running.output()}`));
    }, ms);
  });
  try {
    return await Promise.race([running.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ServerProcess extends NodeProcess {
  url: string;
}

/**
 * Starts the server (`server/index.ts`, compiled) on a free loopback port with the demo site, on
 * the given storage, and resolves once /healthz answers (it listens once its scores are built).
 */
export async function launchServer(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
): Promise<ServerProcess> {
  // A given PORT restarts a server where its visitors' browsers will look for it again.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const running = runScript('server/index.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATABASE_URL: databaseUrl,
    PEAKEND_DEMO: 'true',
    // The demo's site and people, without its history: tests count what they do themselves.
    PEAKEND_DEMO_HISTORY: 'false',
    PEAKEND_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...env,
  });
  let exit: Exit | null = null;
  void running.exited.then((e) => (exit = e));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(`the server exited (${JSON.stringify(exit)}):\n${running.output()}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
    if (ok) return { ...running, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  running.child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz within 60 s:\n${running.output()}`);
}
