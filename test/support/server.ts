/**
 * Starts a real Peakend server on a loopback port with its own storage, for tests: an SQLite
 * file by default, or any test storage (PostgreSQL too) from ./stores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { io, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import type { Ack } from '../../shared/ack';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../shared/protocol';
import { createApplication, type Application } from '../../server/app';
import type { Clock } from '../../server/clock';
import type { RateLimitOverrides } from '../../server/limits/policy';
import { readConfig } from '../../server/config';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed';
import { silentLogger, type Logger } from '../../server/logger';
import { openSqliteStore } from '../../server/storage/sqlite';
import type { Timers } from '../../server/jobs/periodic';
import { createTestStorage, type StoreKind, type TestStorage } from './stores';

export interface TestServer {
  url: string;
  application: Application;
  /** The SQLite file, when started with `dbPath`. */
  dbPath: string | undefined;
  stop(): Promise<void>;
}

/** The data of a successful acknowledgement; throws with the refusal otherwise. */
export function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** A fresh temporary directory for one test file's database. */
export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'peakend-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A free loopback port, so PUBLIC_URL (which the demo page embeds) can name it up front. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The wall clock, put forward on demand: time passes for the server without the test waiting. */
export function movableClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

/** The admin token of test servers (PEAKEND_ADMIN_TOKEN). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** How to start a test server: on an SQLite file (`dbPath`) or on any test storage. */
export type StartOptions = {
  clock?: Clock;
  /** PEAKEND_ADMIN_TOKEN; null turns the admin API off. */
  adminToken?: string | null;
  /** METRICS_TOKEN (none by default). */
  metricsToken?: string;
  /** Rate limits other than the defaults (which do not limit loopback clients like tests). */
  rateLimits?: RateLimitOverrides;
  /** Where the server logs (silent by default). */
  log?: Logger;
  /** Where email goes (as if SMTP_URL were set): nodemailer's JSON transport, in tests. */
  mailTransport?: Transporter;
  /** PUBLIC_URL, when not the server's own http address (https, to see Secure cookies). */
  publicUrl?: string;
  /** More environment for the server's config (PEAKEND_WEBHOOK_GUARD, …). */
  env?: Record<string, string>;
  /** The webhook worker's timers: tests that run it themselves pass ones that never fire. */
  timers?: Timers;
} & (
  | { dbPath: string; storage?: undefined }
  /** Any test storage (`createTestStorage`); the server's store is opened on it. */
  | { storage: TestStorage; dbPath?: undefined }
);

export async function startServer(options: StartOptions): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = readConfig({
    PORT: String(port),
    PUBLIC_URL: options.publicUrl ?? url,
    PEAKEND_DEMO: 'true',
    DATABASE_URL: options.storage?.databaseUrl ?? `sqlite:${options.dbPath}`,
    PEAKEND_ADMIN_TOKEN:
      options.adminToken === null ? undefined : (options.adminToken ?? TEST_ADMIN_TOKEN),
    METRICS_TOKEN: options.metricsToken,
    ...options.env,
  });
  const store = await (options.storage ? options.storage.open() : openSqliteStore(options.dbPath));
  const clock = options.clock ?? { now: () => Date.now() };
  await seedDemo(store, clock, url);
  const application = createApplication({
    config,
    store,
    clock,
    log: options.log ?? silentLogger,
    rateLimits: options.rateLimits,
    mailTransport: options.mailTransport,
    timers: options.timers,
  });
  await application.ready();
  await new Promise<void>((resolve) => application.httpServer.listen(port, '127.0.0.1', resolve));
  return {
    url,
    application,
    dbPath: options.dbPath,
    stop: () => application.close(),
  };
}

/**
 * Servers that last one test: `start` and `startOn` (on fresh storage of a kind) start one, and
 * after each test of the file it is stopped and that storage removed.
 */
export function serversPerTest() {
  const servers: TestServer[] = [];
  const storages: TestStorage[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    await Promise.all(storages.splice(0).map((s) => s.remove()));
  });
  const start = async (options: StartOptions): Promise<TestServer> => {
    const server = await startServer(options);
    servers.push(server);
    return server;
  };
  const startOn = async (
    kind: StoreKind,
    options: Omit<StartOptions, 'storage' | 'dbPath'> = {},
  ): Promise<TestServer> => {
    const storage = await createTestStorage(kind);
    storages.push(storage);
    return start({ ...options, storage });
  };
  return { start, startOn };
}

export type VisitorClient = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentClient = Socket<AgentServerEvents, AgentClientEvents>;

export function connectVisitor(
  url: string,
  auth: Record<string, unknown>,
  options: { extraHeaders?: Record<string, string> } = {},
): VisitorClient {
  return io(`${url}/visitor`, {
    transports: ['websocket'],
    auth,
    forceNew: true,
    reconnection: false,
    ...options,
  });
}

/** Signs in over HTTP as a demo agent and opens the agent socket with the session cookie. */
export async function connectAgent(url: string, email: string): Promise<AgentClient> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  return agentSocket(url, cookie);
}

/** Opens the agent socket with a session cookie (`name=value`). */
export function agentSocket(url: string, cookie: string): AgentClient {
  return io(`${url}/agent`, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    forceNew: true,
    reconnection: false,
  });
}

/** An HTTP answer: its status, its JSON body (`{}` when not an object) and its cookie. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string; issues?: { path: string }[] } };
  /** The `name=value` of the Set-Cookie header, if any. */
  cookie: string | null;
  setCookie: string | null;
  retryAfter: string | null;
}

export interface CallOptions {
  cookie?: string | null;
  /** A bearer token: the admin token or a site key. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  origin?: string;
  /** The client address, as a proxy on this machine would say it (X-Forwarded-For). */
  ip?: string;
}

/** Calls the HTTP API of a test server as a browser or an API client would. */
export async function call<T = Record<string, unknown>>(
  server: { url: string },
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.cookie && { cookie: options.cookie }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.origin && { origin: options.origin }),
      ...(options.ip && { 'x-forwarded-for': options.ip }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const setCookie = response.headers.get('set-cookie');
  const text = await response.text();
  return {
    status: response.status,
    body: (text.startsWith('{') ? JSON.parse(text) : {}) as Answer<T>['body'],
    cookie: setCookie ? setCookie.split(';')[0]! : null,
    setCookie,
    retryAfter: response.headers.get('retry-after'),
  };
}

type AnyClient = VisitorClient | AgentClient;
/** The typed sockets, seen as plain emitters for the generic helpers below. */
const plain = (socket: AnyClient) => socket as unknown as Socket;

/** Resolves with the next occurrence of `event` on a socket (`connect`, `connect_error`, …). */
export function next<T>(socket: AnyClient, event: string): Promise<T> {
  return new Promise<T>((resolve) => plain(socket).once(event, resolve));
}

/** Waits until an event satisfies `test`, or rejects after `ms` with what was seen. */
export function until<T>(
  socket: AnyClient,
  event: string,
  test: (value: T) => boolean,
  ms = 5000,
): Promise<T> {
  const emitter = plain(socket);
  return new Promise<T>((resolve, reject) => {
    const seen: T[] = [];
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(
        new Error(
          `no matching "${event}" within ${ms} ms; saw ${JSON.stringify(seen).slice(0, 500)}`,
        ),
      );
    }, ms);
    const listener = (value: T) => {
      seen.push(value);
      if (!test(value)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(value);
    };
    emitter.on(event, listener);
  });
}
