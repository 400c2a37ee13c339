/**
 * How rating steps reach the server without ever being lost or counted twice:
 *
 *   1. every step goes into the outbox (localStorage) before anything is sent;
 *   2. it is sent over the socket when that is connected, else over HTTP (`fetch`, keepalive);
 *   3. the server's answer removes it: accepted, or refused for good (too late to amend, not the
 *      visitor's conversation...). No answer at all (offline, server down, timeout) keeps it;
 *   4. what is kept is sent again, oldest first: when the socket (re)connects, when the browser
 *      comes back online, after a growing pause, and on the next page view (the loader starts
 *      the widget when the outbox is not empty);
 *   5. when the page is being hidden or closed, `navigator.sendBeacon` carries what is left, since
 *      nothing else may run then. A beacon gets no answer, so its steps stay in the outbox until a
 *      later answer removes them: the idempotency keys make every resend harmless.
 */
import type { Ack, AckError, ErrorCode } from '../../shared/ack';
import { LIMITS } from '../../shared/limits';
import type { RatingDelivery as DeliveryBody, RatingSave, RatingView } from '../../shared/protocol';
import { createOutbox, type Outbox } from './outbox';
import { warnSetup } from './setup-warning';

/** Longest wait for an answer over HTTP before the step is kept for later. */
const HTTP_TIMEOUT_MS = 10_000;
/** Pauses between retries while steps are kept: 2 s doubling to 1 min. */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/** Answers that will not change however often the step is sent again. */
const FINAL: ReadonlySet<ErrorCode> = new Set([
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
]);

/** A step's fate: the server's answer, or null when it is kept in the outbox for later. */
export type Delivered = Ack<RatingView> | null;

export interface RatingDelivery {
  /** Queues one step and sends whatever the outbox holds, this step last. */
  save(save: RatingSave): Promise<Delivered>;
  /** Sends whatever the outbox holds (after a reconnection, say). */
  flush(): Promise<void>;
  destroy(): void;
}

export interface DeliveryOptions {
  server: string;
  site: string;
  /** The visitor's token, if the server has issued one. */
  token(): string | undefined;
  /** The socket's way, while it is connected; null sends over HTTP. */
  socket(): ((save: RatingSave) => Promise<Ack<RatingView>>) | null;
  /** Every step the server accepted, including replays from the outbox. */
  onAccepted(save: RatingSave, view: RatingView): void;
  outbox?: Outbox;
}

export function createRatingDelivery(options: DeliveryOptions): RatingDelivery {
  const outbox = options.outbox ?? createOutbox(options.site);
  const url = `${options.server}/api/v1/sites/${encodeURIComponent(options.site)}/ratings`;
  /** One delivery at a time, so steps reach the server in the order they were answered. */
  let chain: Promise<unknown> = Promise.resolve();
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function body(ratings: RatingSave[]): string {
    const token = options.token();
    const delivery: DeliveryBody = { ...(token && { visitorToken: token }), ratings };
    return JSON.stringify(delivery);
  }

  async function overHttp(save: RatingSave): Promise<Ack<RatingView> | null> {
    const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = setTimeout(() => abort?.abort(), HTTP_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: 'POST',
        // text/plain keeps it a "simple" cross-origin request: no preflight round trip.
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: body([save]),
        credentials: 'omit',
        keepalive: true,
        signal: abort?.signal,
      });
      const answer = (await response.json()) as { results?: Ack<RatingView>[]; error?: AckError };
      if (answer.results && answer.results[0]) return answer.results[0];
      if (answer.error) return { ok: false, error: answer.error };
      return null;
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(save: RatingSave): Promise<Delivered> {
    // Offline: nothing can answer, so keep it at once rather than wait for a timeout; the
    // browser's `online` event sends it.
    if (navigator.onLine === false) return null;
    const viaSocket = options.socket();
    let answer: Ack<RatingView> | null;
    try {
      answer = viaSocket ? await viaSocket(save) : await overHttp(save);
    } catch {
      answer = null;
    }
    if (answer && !answer.ok) warnSetup(answer.error.cause, answer.error.message);
    if (answer && (answer.ok || FINAL.has(answer.error.code))) {
      outbox.remove(save.key);
      if (answer.ok) options.onAccepted(save, answer.data);
      return answer;
    }
    return null;
  }

  /** Sends the outbox oldest first, stopping at the first step that gets no answer. */
  async function drain(): Promise<Map<string, Delivered>> {
    const answers = new Map<string, Delivered>();
    for (const save of outbox.list()) {
      const answer = await send(save);
      answers.set(save.key, answer);
      if (answer === null) break;
    }
    clearTimeout(retryTimer);
    if (outbox.list().length) {
      const delay = Math.min(RETRY_MIN_MS * 2 ** retries++, RETRY_MAX_MS);
      retryTimer = setTimeout(() => void flush(), delay);
    } else retries = 0;
    return answers;
  }

  function queued<T>(run: () => Promise<T>): Promise<T> {
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  }

  function flush(): Promise<void> {
    return queued(async () => {
      await drain();
    });
  }

  /** The page is going away: hand what is left to the browser, which sends it regardless. */
  function beacon(): void {
    const left = outbox.list().slice(0, LIMITS.ratingsPerDelivery);
    if (!left.length || typeof navigator.sendBeacon !== 'function') return;
    try {
      navigator.sendBeacon(url, body(left));
    } catch {
      // Too big or refused by the browser: the next page view sends it.
    }
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') beacon();
  };
  const onOnline = () => {
    retries = 0;
    void flush();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', beacon);
  window.addEventListener('online', onOnline);

  return {
    save(save) {
      outbox.add(save);
      return queued(async () => {
        const answers = await drain();
        return answers.get(save.key) ?? null;
      });
    },
    flush,
    destroy() {
      clearTimeout(retryTimer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', beacon);
      window.removeEventListener('online', onOnline);
    },
  };
}
