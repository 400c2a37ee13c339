/**
 * Data retention: every node runs a sweeper that, now and then, redacts the conversations of
 * each site with a retention period (`retentionDays`) that have been quiet for longer than it
 * (storage/redact.ts). Nodes need not agree on who sweeps: each chunk is redacted holding the
 * site, as writers hold it, and takes only conversations not yet redacted, so a second node
 * sweeping at once waits its turn and finds only what is left. Time and timers are injected, as
 * the webhook worker's are, so tests run a sweep without waiting for one.
 */
import { DAY, HOUR } from '../../shared/time';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Pipeline } from '../pipeline/pipeline';
import type { Store } from '../storage/store';
import { systemTimers, type Timers } from '../webhooks/worker';

/** How often a node sweeps: retention is counted in days, so an hour late is on time. */
export const SWEEP_MS = HOUR;

export interface SweeperParts {
  store: Store;
  pipeline: Pipeline;
  clock: Clock;
  log: Logger;
  timers?: Timers;
}

export class RetentionSweeper {
  private readonly timers: Timers;
  private readonly stopping = new AbortController();
  private timer: unknown = null;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly parts: SweeperParts) {
    this.timers = parts.timers ?? systemTimers;
  }

  /** Sweeps soon after start (a restart should not wait an hour), then every SWEEP_MS. */
  start(): void {
    this.schedule(60_000);
  }

  /** Sweeps every site once, after any sweep in progress; how many conversations it redacted. */
  sweep(): Promise<number> {
    const run = this.running.then(() => this.sweepSites());
    this.running = run.catch((error: unknown) => {
      this.parts.log.error('could not redact conversations past their retention', error);
      return 0;
    });
    return run;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopping.signal.aborted) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.sweep().finally(() => this.schedule(SWEEP_MS));
    }, ms);
  }

  private async sweepSites(): Promise<number> {
    const { store, pipeline, clock } = this.parts;
    let redacted = 0;
    for (const site of await store.listSites()) {
      if (this.stopping.signal.aborted) break;
      const days = site.settings.retentionDays;
      if (days === null) continue;
      const now = clock.now();
      redacted += await pipeline.redactQuiet(site, now - days * DAY, now, this.stopping.signal);
    }
    return redacted;
  }
}
