/**
 * A job every node runs now and then (webhook deliveries, the retention sweep): one run at a
 * time, the next one `everyMs` after the last ended, sooner when asked, and a clean stop that
 * aborts the run in progress and waits for it. Timers are injected, so tests run the job
 * themselves instead of waiting for it.
 */
import type { Logger } from '../logger';

/** Timers, injected: tests pass ones that never fire and run the jobs themselves. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, ms);
    // A pending run never holds the process open.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PeriodicJobParts {
  /** One run; how much it did. It should end soon once `signal` is aborted. */
  run: (signal: AbortSignal) => Promise<number>;
  everyMs: number;
  /** Logged with the error when a run fails (the next run comes all the same). */
  failure: string;
  log: Logger;
  timers?: Timers;
}

export class PeriodicJob {
  private readonly timers: Timers;
  private readonly stopping = new AbortController();
  private timer: unknown = null;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly parts: PeriodicJobParts) {
    this.timers = parts.timers ?? systemTimers;
  }

  /** Aborted once the job stops. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Runs after `ms` (a pending run is moved there), then every `everyMs`, until `stop`. */
  schedule(ms: number): void {
    if (this.stopping.signal.aborted) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      // Asked for sooner meanwhile: that run stands.
      void this.runNow().finally(() => this.timer === null && this.schedule(this.parts.everyMs));
    }, ms);
  }

  /** Runs once, after any run in progress; how much it did (0 when it failed). */
  runNow(): Promise<number> {
    const run = this.running.then(() => this.parts.run(this.stopping.signal));
    this.running = run.catch((error: unknown) => {
      this.parts.log.error(this.parts.failure, error);
      return 0;
    });
    return run;
  }

  /** Stops scheduling, aborts the run in progress, and waits for it. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
