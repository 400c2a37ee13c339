/**
 * The delivery worker: every node runs one, and each delivery due is claimed by exactly one of
 * them at a time (storage/webhooks.ts, `claimDeliveries`: a lease, taken with SKIP LOCKED on
 * PostgreSQL). At least once: a delivery is marked delivered only after a 2xx answer, so a node
 * that dies mid-send leaves it to be claimed again once its lease runs out.
 *
 * Failures are retried with exponential backoff and jitter, the first within 10 s. After 24
 * hours of consecutive failures the endpoint is disabled, with the reason shown to its admins,
 * and the delivery that found it so gives up (they may resend it). Time and timers are injected,
 * so tests drive a day of retries without waiting for it.
 */
import { HOUR } from '../../shared/time';
import { PeriodicJob, type Timers } from '../jobs/periodic';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Store } from '../storage/store';
import type { AttemptOutcome, ClaimedDelivery } from '../storage/webhooks';
import { ForbiddenDestination, type DestinationGuard } from './guard';
import { attemptDelivery } from './send';

/** How often a worker looks for due deliveries (retries, quiet periods ending, other nodes'). */
export const POLL_MS = 1000;
/** Deliveries claimed at once, and sent side by side. */
const BATCH = 10;
/** The first retry's delay at most: half to all of it, at random. */
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = HOUR;
/** Consecutive failures for this long disable an endpoint. */
export const GIVE_UP_MS = 24 * HOUR;

/** The delay before retry number `failures` (1: after the first failure), with jitter. */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_MS);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface WorkerParts {
  store: Store;
  clock: Clock;
  guard: DestinationGuard;
  publicUrl: string;
  log: Logger;
  timers?: Timers;
  random?: () => number;
  /** An attempt's time limit (ATTEMPT_TIMEOUT_MS by default). */
  timeoutMs?: number;
}

export class DeliveryWorker {
  private readonly job: PeriodicJob;

  constructor(private readonly parts: WorkerParts) {
    this.job = new PeriodicJob({
      run: (signal) => this.drain(signal),
      everyMs: POLL_MS,
      failure: 'could not deliver webhooks',
      log: parts.log,
      timers: parts.timers,
    });
  }

  /** Polls from now on, until `stop`. */
  start(): void {
    this.job.schedule(POLL_MS);
  }

  /** Looks for due deliveries soon (one was just queued for now). */
  nudge(): void {
    this.job.schedule(0);
  }

  /**
   * Sends every delivery due now, a batch at a time, after any run in progress; how many were
   * attempted. Runs of one worker never overlap; other workers' are kept apart by the claims.
   */
  runDue(): Promise<number> {
    return this.job.runNow();
  }

  /** Stops polling and any attempt in flight (given back untried), and waits for the run. */
  stop(): Promise<void> {
    return this.job.stop();
  }

  private async drain(signal: AbortSignal): Promise<number> {
    let attempted = 0;
    while (!signal.aborted) {
      const claimed = await this.parts.store.claimDeliveries(this.parts.clock.now(), BATCH);
      await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      attempted += claimed.length;
      if (claimed.length < BATCH) break;
    }
    return attempted;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const { store, clock, guard, publicUrl, log } = this.parts;
    const { endpoint } = delivery;
    let outcome: AttemptOutcome;
    try {
      const attempt = await attemptDelivery(delivery, endpoint, {
        guard,
        now: clock.now(),
        signal: this.job.signal,
        timeoutMs: this.parts.timeoutMs,
        publicUrl,
      });
      if (!attempt.sent) outcome = { ok: 'skipped' };
      else if (attempt.status >= 200 && attempt.status < 300) {
        outcome = { ok: true, status: attempt.status };
      } else outcome = this.failed(delivery, attempt.status, `HTTP ${attempt.status}`);
    } catch (error) {
      if (this.job.signal.aborted) {
        await store.releaseDelivery(delivery);
        return;
      }
      const message =
        error instanceof ForbiddenDestination
          ? error.message
          : (error as Error).message || String(error);
      outcome = this.failed(delivery, null, message.slice(0, 500));
    }
    if (outcome.ok === false) {
      // The endpoint's id only: its URL may hold a secret (Slack's do).
      log.warn(
        `webhook delivery ${delivery.id} to endpoint ${endpoint.id} failed: ${outcome.error}`,
      );
    }
    await store.settleDelivery(delivery, outcome, clock.now());
  }

  private failed(delivery: ClaimedDelivery, status: number | null, error: string): AttemptOutcome {
    const now = this.parts.clock.now();
    const failingSince = delivery.endpoint.failingSince ?? now;
    const disable =
      now - failingSince >= GIVE_UP_MS
        ? `Disabled on ${new Date(now).toISOString()}: every delivery failed for 24 hours (last: ${error}).`
        : null;
    const givenUp = disable !== null || now - (delivery.firstAttemptAt ?? now) >= GIVE_UP_MS;
    const retryAt = givenUp
      ? null
      : now + retryDelay(delivery.attempts + 1, this.parts.random ?? Math.random);
    return { ok: false, status, error, retryAt, disable };
  }
}
