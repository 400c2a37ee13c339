import type { AckError, ErrorCode, Issue, SetupCause } from '../shared/ack';

/**
 * A request refused for a reason the caller can act on. Socket handlers turn it into
 * `{ ok: false, error }`, HTTP routes into a 4xx; anything else is an internal error.
 */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** A setup problem of the page's webmaster's (shared/ack.ts). */
    readonly setupCause?: SetupCause,
  ) {
    super(message);
  }

  toAckError(): AckError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues && { issues: this.issues }),
      ...(this.setupCause && { cause: this.setupCause }),
    };
  }
}

/**
 * Too much of something in too little time (see server/limits). Carries how long to wait, which
 * HTTP sends as Retry-After and sockets in the acknowledgement, so a client can come back later.
 */
export class RateLimited extends Refusal {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }

  override toAckError(): AckError {
    return { ...super.toAckError(), retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** Zod issues as `{path, message}` with dotted paths (`events.3.at`). */
export function describeIssues(
  issues: readonly { path: PropertyKey[]; message: string }[],
): Issue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
