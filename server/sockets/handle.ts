/**
 * Every socket event that expects an answer goes through `handle`: the payload is parsed with its
 * schema, the action runs, and the acknowledgement is `{ok: true, data}` or `{ok: false, error}`.
 * A bad payload is refused with the problem named; the connection stays up and nothing is stored.
 */
import type { ExtendedError } from 'socket.io';
import type { z } from 'zod';
import type { Ack, ErrorCode, SetupCause } from '../../shared/ack';
import { describeIssues, Refusal } from '../errors';
import type { Logger } from '../logger';

/**
 * A refused handshake: the client's `connect_error` carries the code and message, and the cause
 * when the page's webmaster can fix it (the widget then warns in the page's console).
 */
export function connectError(code: ErrorCode, message: string, cause?: SetupCause): ExtendedError {
  const error = new Error(message) as ExtendedError;
  error.data = { code, message, ...(cause && { cause }) };
  return error;
}

export function handle<S extends z.ZodType, T>(
  event: string,
  schema: S,
  run: (payload: z.output<S>) => Promise<T>,
  log: Logger,
): (...args: unknown[]) => void {
  return (...args) => {
    // socket.io passes the ack last; a client may also send an ack with no payload.
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: Ack<T>) => void) : null;
    const reply = (answer: Ack<T>) => ack?.(answer);
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      const where = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
      reply({
        ok: false,
        error: { code: 'invalid', message: `Invalid ${event} payload: ${where}`, issues },
      });
      return;
    }
    run(parsed.data).then(
      (data) => reply({ ok: true, data }),
      (error: unknown) => {
        if (error instanceof Refusal) return reply({ ok: false, error: error.toAckError() });
        log.error(`socket event ${event} failed`, error);
        reply({
          ok: false,
          error: { code: 'internal', message: 'Something went wrong on our side.' },
        });
      },
    );
  };
}

/**
 * Binds `handle` to one socket and logger, so each handler names its event once:
 * `answer('message:send', ZVisitorMessage, async ({ text }) => …)`. Event names are checked
 * against the namespace's event map.
 */
export function answerer<Events extends object>(
  socket: { on: (...args: never[]) => unknown },
  log: Logger,
) {
  // The typed socket's `on` wants its own listener types; `handle` parses whatever arrives.
  const on = socket.on.bind(socket) as (
    event: string,
    listener: (...args: unknown[]) => void,
  ) => void;
  return <S extends z.ZodType, T>(
    event: Extract<keyof Events, string>,
    schema: S,
    run: (payload: z.output<S>) => Promise<T>,
  ): void => on(event, handle(event, schema, run, log));
}
