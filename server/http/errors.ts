/**
 * Turns whatever a route threw into a JSON error a caller can act on:
 * `{ error: { code, message, issues? } }` with a matching status.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode } from '../../shared/ack';
import { RateLimited, Refusal } from '../errors';
import type { Logger } from '../logger';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  conversation_full: 409,
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
      if (error instanceof RateLimited) res.setHeader('Retry-After', error.retryAfterSeconds);
      res.status(STATUS[error.code]).json({ error: error.toAckError() });
      return;
    }
    // body-parser's and the router's own errors carry a 4xx status: malformed JSON (400), too
    // large (413), a charset or Content-Encoding it cannot read (415), a path parameter that is
    // not valid percent-encoding (400). The caller's to fix, so never a 500.
    const { status, type, expose, message } = error as {
      status?: unknown;
      type?: unknown;
      expose?: unknown;
      message?: unknown;
    };
    if (status === 413) {
      res
        .status(413)
        .json({ error: { code: 'too_large', message: 'The request body is too large.' } });
      return;
    }
    if (status === 400 && type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: { code: 'invalid', message: 'The request body is not valid JSON.' } });
      return;
    }
    if (status === 415) {
      res.status(415).json({
        error: {
          code: 'invalid',
          message:
            'The request body must be UTF-8, sent as is or compressed with gzip, deflate or br.',
        },
      });
      return;
    }
    if (status === 400 && error instanceof URIError) {
      res.status(400).json({
        error: { code: 'invalid', message: 'The path is not valid percent-encoded UTF-8.' },
      });
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const said = expose === true && typeof message === 'string' ? `: ${message}` : '.';
      res.status(status).json({ error: { code: 'invalid', message: `Bad request${said}` } });
      return;
    }
    log.error('request failed', error);
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  };
}
