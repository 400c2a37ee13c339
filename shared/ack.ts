/**
 * One acknowledgement envelope for every socket event that asks for an answer:
 * `{ ok: true, data }` or `{ ok: false, error }`.
 */
export type ErrorCode =
  | 'invalid' // the payload does not match its schema; `issues` says where
  | 'unauthorized' // not signed in, or no valid visitor token
  | 'forbidden' // signed in, but not allowed to do this
  | 'not_found'
  | 'conflict' // the conversation is not in a state that allows this
  | 'too_large' // more than a request may carry (events per batch, body size)
  | 'conversation_full' // the conversation holds as many messages or events as it may
  | 'rate_limited'
  | 'internal';

/**
 * A refusal the page's webmaster can fix (a setup problem, not the visitor's): the widget keeps
 * its friendly "Chat isn't available" and warns once in the page's console with the server's
 * message, which names the cause and the fix (docs/embedding.md, troubleshooting).
 */
export type SetupCause =
  | 'unknown_site' // data-site names no site
  | 'origin' // the page's origin is not one of the site's allowed origins
  | 'user_hash' // userHash does not verify (wrong secret, or the site's key was rotated)
  | 'signature' // a host-chat rating's signature does not verify (likewise)
  | 'handshake'; // the snippet's settings do not parse

export interface Issue {
  /** Where the problem is, as a dotted path (`events.3.at`); empty for the payload itself. */
  path: string;
  message: string;
}

export interface AckError {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
  /** With `rate_limited`: how long to wait before trying again (as HTTP's Retry-After). */
  retryAfterSeconds?: number;
  /** A setup problem for the page's webmaster (the widget warns in the page's console). */
  cause?: SetupCause;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export type AckCallback<T> = (ack: Ack<T>) => void;
