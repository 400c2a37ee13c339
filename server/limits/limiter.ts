/**
 * Counts what each client does against the policy (./policy.ts) and refuses what is over a limit
 * with `RateLimited`. The counters are rate-limiter-flexible's fixed windows, one per action and
 * scope: in memory with one node (SQLite), in PostgreSQL when several nodes share a database
 * (server/cluster.ts), so a client counts once whichever nodes it reaches.
 */
import {
  RateLimiterMemory,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimited } from '../errors';
import type { Action, RateLimitPolicy, Scope } from './policy';

/** Who is acting, in every scope that is known: the IP address always, else what the caller has. */
export type Who = Partial<Record<Scope, string>> & { ip: string | undefined };

/** What a refusal says was too much; "…: try again in N s." follows. */
const TOO_MANY: Record<Action, string> = {
  connection: 'Too many connections from your network',
  handshake: 'Too many connections from your network',
  message: 'Too many messages',
  rating: 'Too many rating saves',
  typing: 'Too many typing updates',
  visitorEvent: 'Too many requests from this chat',
  newConversation: 'Too many new conversations from your network',
  countedRating: 'Too many ratings from your network',
  agentEvent: 'Too many actions from this console',
  agentTyping: 'Too many typing updates',
  siteApi: 'Too many requests with this site key',
  ratingDelivery: 'Too many rating deliveries from your network',
  signIn: 'Too many sign-in attempts from your network',
  api: 'Too many requests from your network',
};

/** An address of this machine: 127.0.0.0/8 or ::1, also as IPv4-mapped IPv6. */
export function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  return v4.startsWith('127.') || ip === '::1';
}

export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Makes one counter: a fixed window of `points` in `duration` seconds, keys under a prefix. */
export type CounterFactory = (
  options: Required<Pick<IRateLimiterOptions, 'keyPrefix' | 'points' | 'duration'>>,
) => RateLimiterAbstract;

export const memoryCounters: CounterFactory = (options) => new RateLimiterMemory(options);

export class RateLimits {
  private readonly counters = new Map<Action, [Scope, RateLimiterAbstract][]>();

  constructor(
    readonly policy: RateLimitPolicy,
    counter: CounterFactory = memoryCounters,
  ) {
    for (const [action, scopes] of Object.entries(policy.rates) as [
      Action,
      RateLimitPolicy['rates'][Action],
    ][]) {
      this.counters.set(
        action,
        Object.entries(scopes).map(([scope, rate]) => [
          scope as Scope,
          counter({ keyPrefix: `${action}/${scope}`, points: rate.points, duration: rate.seconds }),
        ]),
      );
    }
  }

  /**
   * Counts one `action` like `take`, but answers whether it was within the limits instead of
   * refusing: for what is kept and marked when over them (ratings past the flood limit).
   */
  async allow(action: Action, who: Who): Promise<boolean> {
    try {
      await this.take(action, who);
      return true;
    } catch (error) {
      if (error instanceof RateLimited) return false;
      throw error;
    }
  }

  /** Whether a client at `ip` is this machine itself, and so not limited. */
  exempt(ip: string | undefined): boolean {
    return this.policy.exemptLocal && isLoopback(ip);
  }

  /**
   * Counts one `action` by `who` in each of its scopes; refuses with the longest wait if any is
   * over its limit. Every scope is counted at once, so actions of one client are answered in the
   * order they came, whatever their scopes. A refused action is given back to the scopes that
   * had room: one visitor flooding does not use up the allowance of their whole network.
   */
  async take(action: Action, who: Who): Promise<void> {
    if (this.exempt(who.ip)) return;
    const counted = (this.counters.get(action) ?? []).flatMap(([scope, counter]) => {
      const id = who[scope];
      return id === undefined ? [] : [{ counter, id, result: counter.consume(id) }];
    });
    const results = await Promise.allSettled(counted.map(({ result }) => result));
    let waitMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      // A counter rejects with its state when over the limit; anything else is a failure.
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    if (results.every((result) => result.status === 'fulfilled')) return;
    counted.forEach(({ counter, id }, i) => {
      if (results[i]?.status === 'fulfilled') void counter.reward(id);
    });
    const seconds = retryAfterSeconds(waitMs);
    throw new RateLimited(`${TOO_MANY[action]}: try again in ${seconds} s.`, seconds);
  }
}
