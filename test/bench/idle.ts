/**
 * Memory with many idle visitor sockets: visitor sockets are opened to the server in batches by
 * helper processes (idle-clients.ts), left idle, and the server's resident memory is read from
 * /proc/<pid>/status (VmRSS) before and after.
 *
 * A process may hold only as many sockets as its open-file limit allows. Where the server's limit
 * leaves no room for the full count, the bench opens as many as fit, says so, and reports the
 * figure scaled linearly to the full count beside the measured one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileDescriptors, ROOT, rssBytes, type Running } from './processes';

export interface IdleSockets {
  /** Sockets the bench meant to open. */
  wanted: number;
  /** Sockets it tried to open (fewer than wanted when the server's file limit is lower). */
  tried: number;
  connected: number;
  failed: number;
  /** Connected, then dropped while idle. */
  dropped: number;
  firstError: string | null;
  rssBefore: number;
  rssAfter: number;
  /** The RSS at `scaleTo` sockets, scaled linearly from the measured growth per socket held. */
  rssScaled: number;
  fileLimit: number;
  seconds: number;
}

interface Report {
  connected: number;
  failed: number;
  dropped?: number;
  firstError?: string | null;
  done?: boolean;
}

const PER_HELPER = 5_000;
const CONCURRENCY = 50;

export async function idleSockets(
  server: Running,
  siteId: string,
  wanted: number,
  scaleTo: number,
  timeoutMs: number,
): Promise<IdleSockets> {
  const { open, limit } = fileDescriptors(server.pid);
  // Room for the server's own files (store, logs, the listening socket) as they come and go.
  const tried = Math.max(0, Math.min(wanted, limit - open - 64));
  const rssBefore = rssBytes(server.pid);
  const started = performance.now();

  const helpers: { child: ChildProcess; last: Report }[] = [];
  for (let left = tried; left > 0; left -= PER_HELPER) {
    const count = Math.min(PER_HELPER, left);
    const child = fork(
      join(ROOT, 'test/bench/idle-clients.ts'),
      [server.url, siteId, String(count), String(CONCURRENCY)],
      { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    const helper = { child, last: { connected: 0, failed: 0 } as Report };
    child.on('message', (report: Report) => (helper.last = report));
    helpers.push(helper);
  }
  const settled = () => helpers.every((h) => h.last.done);
  while (!settled() && performance.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  // Idle for a few seconds: whatever the handshakes left behind settles (or is collected).
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfter = rssBytes(server.pid);

  for (const helper of helpers) helper.child.send({ check: true });
  await new Promise((r) => setTimeout(r, 500));
  const sum = (field: 'connected' | 'failed' | 'dropped') =>
    helpers.reduce((total, h) => total + (h.last[field] ?? 0), 0);
  const result: IdleSockets = {
    wanted,
    tried,
    connected: sum('connected'),
    failed: sum('failed'),
    dropped: sum('dropped'),
    firstError: helpers.map((h) => h.last.firstError).find((e) => e) ?? null,
    rssBefore,
    rssAfter,
    rssScaled: 0,
    fileLimit: limit,
    seconds,
  };
  const held = result.connected - result.dropped;
  result.rssScaled = held > 0 ? rssBefore + ((rssAfter - rssBefore) * scaleTo) / held : NaN;

  await Promise.all(
    helpers.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send({ close: true });
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  return result;
}
