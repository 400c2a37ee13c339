/**
 * Where the server writes what operators should know; injected so tests can keep quiet.
 *
 * Callers say what happened and pass what goes with it: `log.error('typing relay failed',
 * error)`, `log.info('listening', { url })`. Under it is pino: one JSON object per line (info and
 * below on stdout, warnings and errors on stderr), or readable lines in development when stdout
 * is a terminal. HTTP requests are logged by the same pino logger (http/request-log.ts).
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevel } from './config';

/** Loads pino-pretty only for readable lines: production never pays for it. */
const load = createRequire(import.meta.url);

export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** A Logger that writes through pino, whose logger request logs share. */
export interface StructuredLogger extends Logger {
  readonly pino: PinoLogger;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function isStructured(log: Logger): log is StructuredLogger {
  return 'pino' in log && typeof (log as { pino: unknown }).pino === 'object';
}

/**
 * Never written, wherever they turn up in a log object: credentials in request and response
 * headers (http/request-log.ts leaves them out already; this holds for any other caller too).
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
];

export interface LoggerOptions {
  level: LogLevel;
  /**
   * Readable lines instead of JSON. By default, when stdout is a terminal outside production:
   * `npm start` on a laptop reads well, a container's log collector gets JSON.
   */
  pretty?: boolean;
  /** Whether NODE_ENV is production (never pretty by default then). */
  production?: boolean;
  /** Every line to this stream instead of stdout and stderr (tests capture logs with it). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): StructuredLogger {
  const usePretty = options.pretty ?? (process.stdout.isTTY === true && !options.production);
  const settings = {
    level: options.level,
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  if (options.destination) return loggerOver(pino(settings, options.destination));
  const out = usePretty ? readable(1) : pino.destination({ dest: 1, sync: true });
  const err = usePretty ? readable(2) : pino.destination({ dest: 2, sync: true });
  // Each line goes to one stream only: warnings and errors to stderr, the rest to stdout.
  const streams = pino.multistream(
    [
      { level: 'trace', stream: out },
      { level: 'warn', stream: err },
    ],
    { dedupe: true },
  );
  return loggerOver(pino(settings, streams));
}

/** pino-pretty on a file descriptor: time, level and message, then any details. */
function readable(fd: 1 | 2): DestinationStream {
  const pretty = load('pino-pretty') as typeof PinoPretty;
  return pretty({
    destination: fd,
    sync: true,
    colorize: fd === 1 ? process.stdout.isTTY === true : process.stderr.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    // A request's line says method, path (with any site), status and time (http/request-log.ts).
    ignore: 'pid,hostname,req,res,responseTime,siteId',
  });
}

/** The Logger interface over a pino logger. */
export function loggerOver(logger: PinoLogger): StructuredLogger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, ...details: unknown[]): void => {
      if (!logger.isLevelEnabled(level)) return;
      const fields = fieldsOf(details);
      if (fields) logger[level](fields, message);
      else logger[level](message);
    };
  return { pino: logger, info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * What goes with a message, as fields of its line: the first error as `err` (pino writes its
 * type, message and stack), one plain object's own fields, anything else under `details`.
 */
function fieldsOf(details: readonly unknown[]): Record<string, unknown> | null {
  if (details.length === 0) return null;
  const errorAt = details.findIndex((detail) => detail instanceof Error);
  const rest = errorAt === -1 ? [...details] : details.filter((_, i) => i !== errorAt);
  const error = errorAt === -1 ? {} : { err: details[errorAt] };
  const [only] = rest;
  // Spread, not Object.assign: a `__proto__` key among the fields stays a plain field.
  if (rest.length === 1 && isPlainObject(only)) return { ...error, ...only };
  return rest.length > 0 ? { ...error, details: rest } : error;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
