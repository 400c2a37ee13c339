/**
 * Turns whatever a route threw into a JSON error a caller can act on:
 * `{ error: { code, message, issues? } }` with a matching status.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode } from '../../shared/ack';
import { Refusal } from '../errors';
import type { Logger } from '../logger';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
};

export const notFound: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof Refusal) {
      res.status(STATUS[error.code]).json({ error: error.toAckError() });
      return;
    }
    // body-parser's own errors carry a status: malformed JSON (400), too large (413).
    const status = (error as { status?: number }).status;
    if (status === 413) {
      res
        .status(413)
        .json({ error: { code: 'invalid', message: 'The request body is too large.' } });
      return;
    }
    if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: { code: 'invalid', message: 'The request body is not valid JSON.' } });
      return;
    }
    log.error('request failed', error);
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  };
}
