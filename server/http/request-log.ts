/**
 * One log line per HTTP request (pino-http): method, path, status, time, the request's id and,
 * on a site's routes, the site's id. Every request gets an id, echoed in `X-Request-Id`: the
 * caller's own when it sends a sane one (a load balancer's), else a new one.
 *
 * Nothing secret is written: no Authorization or Cookie header (only that one was sent), no
 * Set-Cookie, no query value whose name sounds like a secret (`?token=`), and no opaque path
 * segment after /invites/, /webhooks/ or /chatwoot/, nor any long one anywhere (a token in a link).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { isStructured, type Logger } from '../logger';

/** A request id worth keeping: short, and nothing a log line could be confused by. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,64}$/;

/** The caller's X-Request-Id when sane, else a new one; set on the response either way. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

const REDACTED = '[redacted]';
/** Query parameters whose values are never written. */
const SECRET_PARAMETER = /token|key|secret|pass|auth|sig|hash|code|session|cred|otp|nonce/i;
/** Path segments whose next segment is a secret (an invite's, a webhook's), when opaque. */
const SECRET_AFTER = new Set([
  'invites',
  'invite',
  'webhooks',
  'webhook',
  'join',
  'verify',
  'chatwoot',
]);
const OPAQUE = /^[A-Za-z0-9._~%+=-]{12,}$/;
/** Long enough to be a token wherever it turns up (ids of sites and agents are shorter). */
const LONG_OPAQUE = /^[A-Za-z0-9._~%+=-]{32,}$/;

/** A URL (or a path with its query) fit for a log: secrets replaced, any fragment dropped. */
export function redactUrl(url: string): string {
  const withoutFragment = url.split('#', 1)[0] ?? '';
  const queryAt = withoutFragment.indexOf('?');
  const path = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt === -1 ? null : withoutFragment.slice(queryAt + 1);
  const segments = path.split('/');
  const safePath = segments
    .map((segment, i) => {
      const previous = (segments[i - 1] ?? '').toLowerCase();
      const secret =
        LONG_OPAQUE.test(segment) || (SECRET_AFTER.has(previous) && OPAQUE.test(segment));
      return secret ? REDACTED : segment;
    })
    .join('/');
  if (query === null) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1) return LONG_OPAQUE.test(pair) ? REDACTED : pair;
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const secret = SECRET_PARAMETER.test(safeDecode(name)) || LONG_OPAQUE.test(value);
      return secret ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The headers worth a log line; credentials only as "[redacted]", to show they were sent. */
function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['host', 'user-agent', 'content-type', 'content-length', 'x-forwarded-for']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value.slice(0, 300);
  }
  for (const name of ['origin', 'referer']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = redactUrl(value.slice(0, 2000)).slice(0, 300);
  }
  for (const name of ['authorization', 'proxy-authorization', 'cookie']) {
    if (headers[name] !== undefined) kept[name] = REDACTED;
  }
  return kept;
}

const SITE_PATH = /^\/api\/v1\/sites\/([^/?#]+)/;

/** The site a request is about, on the routes under /api/v1/sites/:siteId. */
function siteIdOf(req: Request): string | undefined {
  const param: unknown = req.params?.siteId;
  const raw = typeof param === 'string' ? param : SITE_PATH.exec(req.originalUrl ?? '')?.[1];
  if (raw === undefined) return undefined;
  const siteId = safeDecode(raw);
  return siteId.length <= 100 ? siteId : undefined;
}

/** Probes and scrapes come every few seconds: logged only at `debug`, unless they fail. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

/**
 * Request logging over the server's logger. A logger without pino under it (tests'
 * `silentLogger`) logs no requests; every request still gets its id.
 */
export function requestLog(log: Logger): RequestHandler {
  if (!isStructured(log)) {
    return (req, res, next) => {
      requestIdOf(req, res);
      next();
    };
  }
  const line = (req: IncomingMessage, res: ServerResponse, ms?: number) => {
    const { method, originalUrl } = req as Request;
    const time = ms === undefined ? '' : ` ${ms} ms`;
    return `${method} ${redactUrl(originalUrl ?? req.url ?? '')} ${res.statusCode}${time}`;
  };
  return pinoHttp({
    logger: log.pino,
    genReqId: requestIdOf,
    customProps: (req) => {
      const siteId = siteIdOf(req as Request);
      return siteId === undefined ? {} : { siteId };
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      const path = ((req as Request).originalUrl ?? '').split('?', 1)[0] ?? '';
      if (QUIET_PATHS.has(path) && res.statusCode < 400) return 'debug';
      return 'info';
    },
    customSuccessMessage: (req, res, ms) => line(req, res, ms),
    customErrorMessage: (req, res) => line(req, res),
    serializers: {
      req: (req: { id: unknown; method: string; raw: Request }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.raw.originalUrl ?? req.raw.url ?? ''),
        remoteAddress: req.raw.ip,
        headers: loggedHeaders(req.raw.headers),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
