/**
 * Starts Peakend: reads the configuration, opens storage, listens, and shuts down cleanly on
 * SIGTERM or SIGINT. Everything else is built by `createApplication`.
 */
import { createApplication } from './app';
import { systemClock } from './clock';
import { ConfigError, readConfig } from './config';
import { DEMO_AGENTS, DEMO_PASSWORD, seedDemo } from './demo/seed';
import { openStore } from './storage/open';
import { StorageError } from './storage/common';

/** Longest a shutdown may take; running socket events get up to 10 s of it (app.ts). */
const SHUTDOWN_MS = 20_000;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const store = await openStore(config.database);
  if (config.demo) await seedDemo(store, systemClock, config.publicUrl);

  const application = createApplication({ config, store });
  await application.ready();
  await new Promise<void>((resolve, reject) => {
    application.httpServer.once('error', reject);
    application.httpServer.listen(config.port, config.host, resolve);
  });

  const url = config.publicUrl;
  console.info(`Peakend is listening on ${url}`);
  console.info(`  console:  ${url}/console/`);
  if (config.demo) {
    console.info(`  demo:     ${url}/demo`);
    console.info(`  demo agents (password "${DEMO_PASSWORD}"):`);
    for (const agent of DEMO_AGENTS)
      console.info(`    ${agent.email}  ${agent.name} (${agent.role})`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: closing connections…`);
    // A process manager kills a server that takes too long to stop: say so, and exit first.
    setTimeout(() => {
      console.error(`Shutdown took longer than ${SHUTDOWN_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_MS).unref();
    application.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
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
