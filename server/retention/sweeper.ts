/**
 * Data retention: every node runs a sweeper that, now and then, redacts the conversations of
 * each site with a retention period (`retentionDays`) that have been quiet for longer than it
 * (storage/redact.ts). Nodes need not agree on who sweeps: each chunk is redacted holding the
 * site, as writers hold it, and takes only conversations not yet redacted, so a second node
 * sweeping at once waits its turn and finds only what is left. Time and timers are injected, as
 * the webhook worker's are (jobs/periodic.ts), so tests run a sweep without waiting for one.
 */
import { DAY, HOUR } from '../../shared/time';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Pipeline } from '../pipeline/pipeline';
import type { Store } from '../storage/store';
import { PeriodicJob, type Timers } from '../jobs/periodic';

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
  private readonly job: PeriodicJob;

  constructor(private readonly parts: SweeperParts) {
    this.job = new PeriodicJob({
      run: (signal) => this.sweepSites(signal),
      everyMs: SWEEP_MS,
      failure: 'could not redact conversations past their retention',
      log: parts.log,
      timers: parts.timers,
    });
  }

  /** Sweeps soon after start (a restart should not wait an hour), then every SWEEP_MS. */
  start(): void {
    this.job.schedule(60_000);
  }

  /** Sweeps every site once, after any sweep in progress; how many conversations it redacted. */
  sweep(): Promise<number> {
    return this.job.runNow();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  private async sweepSites(signal: AbortSignal): Promise<number> {
    const { store, pipeline, clock } = this.parts;
    let redacted = 0;
    for (const site of await store.listSites()) {
      if (signal.aborted) break;
      const days = site.settings.retentionDays;
      if (days === null) continue;
      const now = clock.now();
      redacted += await pipeline.redactQuiet(site, now - days * DAY, now, signal);
    }
    return redacted;
  }
}
