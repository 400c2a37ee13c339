/**
 * Starts Peakend: reads the configuration, opens storage, listens, and shuts down cleanly on
 * SIGTERM or SIGINT. Everything else is built by `createApplication`.
 *
 * With PEAKEND_WORKERS=N (PostgreSQL only), this process prepares the database and the demo,
 * then runs N worker processes (node:cluster) that share the port, each a node of its own on
 * the shared database: WebSocket-only clients need no sticky sessions between them.
 */
import cluster, { type Worker } from 'node:cluster';
import { createApplication } from './app';
import { systemClock } from './clock';
import { ConfigError, readConfig, type Config } from './config';
import {
  DEMO_AGENTS,
  DEMO_PASSWORD,
  DEMO_SITE_ID,
  demoCredentials,
  printableDemoCredentials,
  seedDemo,
} from './demo/seed';
import { createLogger, type Logger } from './logger';
import { openStore } from './storage/open';
import { StorageError } from './storage/common';

/** Longest a shutdown may take; running socket events get up to 10 s of it (app.ts). */
const SHUTDOWN_MS = 20_000;
/** A worker that dies is replaced after this long (not at once: a crash loop would spin). */
const RESPAWN_MS = 1_000;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const log = createLogger({ level: config.logLevel, production: config.production });
  if (config.workers > 1 && cluster.isPrimary) return supervise(config, log);
  return serve(config, log);
}

/** One node: opens storage, builds the application, listens, and stops on a signal. */
async function serve(given: Config, log: Logger): Promise<void> {
  const worker = cluster.isWorker;
  const store = await openStore(given.database);
  // Workers find the demo seeded by the process that started them.
  if (given.demo && !worker) {
    await seedDemo(store, systemClock, given.publicUrl, { history: given.demoHistory });
  }
  // The demo (never in production) lets the API be tried at once: without PEAKEND_ADMIN_TOKEN,
  // the demo's own admin token opens the admin API, and both are printed below.
  const credentials = given.demo ? await demoCredentials(store) : null;
  const config: Config =
    credentials && given.adminToken === null
      ? { ...given, adminToken: credentials.adminToken }
      : given;

  const application = createApplication({ config, store, log });
  await application.ready();
  await new Promise<void>((resolve, reject) => {
    application.httpServer.once('error', reject);
    application.httpServer.listen(config.port, config.host, resolve);
  });
  if (!worker) announce(config, log, credentials && (await printableDemoCredentials(store)));

  stopOnSignal(log, () => application.close());
}

/** The primary of PEAKEND_WORKERS: prepares storage once, then keeps N workers serving. */
async function supervise(config: Config, log: Logger): Promise<void> {
  // Migrations and the demo, once, before any worker opens the database.
  const store = await openStore(config.database);
  if (config.demo)
    await seedDemo(store, systemClock, config.publicUrl, { history: config.demoHistory });
  // Workers derive the same credentials from the store: the primary only prints them.
  const credentials = config.demo ? await printableDemoCredentials(store) : null;
  await store.close();

  let stopping = false;
  let listening = 0;
  const workers = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.once('listening', () => {
      listening += 1;
      if (listening === config.workers) {
        const adminToken = config.adminToken ?? credentials?.adminToken ?? null;
        announce({ ...config, adminToken }, log, credentials);
      }
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      log.error(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); replacing it`);
      setTimeout(() => !stopping && fork(), RESPAWN_MS).unref();
    });
  };
  for (let i = 0; i < config.workers; i++) fork();

  stopOnSignal(log, async () => {
    stopping = true;
    const exits = [...workers].map(
      (worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())),
    );
    for (const worker of workers) worker.process.kill('SIGTERM');
    await Promise.all(exits);
  });
}

function announce(
  config: Config,
  log: Logger,
  credentials: { adminToken: string; siteKey: string | null } | null,
): void {
  const url = config.publicUrl;
  const workers = config.workers > 1 ? ` (${config.workers} workers)` : '';
  log.info(`Peakend is listening on ${url}${workers}`);
  log.info(`  console:  ${url}/console/`);
  if (config.demo) {
    log.info(`  demo:     ${url}/demo`);
    log.info(`  demo agents (password "${DEMO_PASSWORD}"):`);
    for (const agent of DEMO_AGENTS) log.info(`    ${agent.email}  ${agent.name} (${agent.role})`);
  }
  if (credentials) {
    // What docs/api.md's examples need, ready to paste (the demo never runs in production).
    log.info('  try the API (README, "Try the API"):');
    log.info(`    export PEAKEND_URL=${url}`);
    if (config.adminToken === credentials.adminToken) {
      log.info(
        `    export PEAKEND_ADMIN_TOKEN=${credentials.adminToken}   # the demo's admin token`,
      );
    }
    log.info(
      credentials.siteKey
        ? `    export SITE_ID=${DEMO_SITE_ID} SITE_KEY=${credentials.siteKey}   # the demo site's key`
        : `    export SITE_ID=${DEMO_SITE_ID}   # and SITE_KEY: the demo’s key was rotated, use the new one shown then`,
    );
  }
}

/** On SIGTERM or SIGINT, runs `close` once and exits (1 if it fails or takes too long). */
function stopOnSignal(log: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: closing connections…`);
    // A process manager kills a server that takes too long to stop: say so, and exit first.
    setTimeout(() => {
      log.error(`Shutdown took longer than ${SHUTDOWN_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_MS).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StorageError) {
    console.error(error.message);
  } else {
    console.error('Peakend could not start:', error);
  }
  process.exit(1);
});
