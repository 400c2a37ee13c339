/**
 * Configuration from the environment, parsed once at boot. A bad value stops the start with a
 * message that names the variable.
 */
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { parseAllowlist } from './webhooks/guard';

const ZBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** pino's levels, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const ZDatabaseUrl = z
  .string()
  .trim()
  .refine((url) => /^(sqlite:|postgres(ql)?:\/\/)/.test(url), {
    message: 'use sqlite:PATH (e.g. sqlite:./data/peakend.db) or postgres://…',
  })
  .default('sqlite:./data/peakend.db');

/**
 * Which proxies in front of the server may say who the client is (X-Forwarded-For, -Proto): their
 * addresses or subnets, comma-separated (`10.0.0.0/8, 192.168.1.7`, and the names `loopback`,
 * `linklocal`, `uniquelocal`), or a number of hops. Never "all": a client could then claim any
 * address, and rate limits would count whatever it claims.
 */
const ZTrustProxy = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    for (const entry of entries) {
      try {
        proxyaddr.compile(entry);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an address, subnet, loopback, linklocal or uniquelocal (or give a number of hops)`,
        });
        return z.NEVER;
      }
    }
    return entries;
  })
  .default(['loopback']);

/**
 * Webhook destinations allowed although they are not public addresses (docs/webhooks.md):
 * host names and addresses or subnets, comma-separated (`hooks.internal, 10.20.0.0/16`).
 */
const ZWebhookAllow = z
  .string()
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    try {
      parseAllowlist(entries);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
    return entries;
  })
  .default([]);

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int({ error: 'must be a port number from 0 to 65535' })
    .min(0, { error: 'must be a port number from 0 to 65535' })
    .max(65535, { error: 'must be a port number from 0 to 65535' })
    .default(3000),
  /** The address to listen on. A URL here is a common slip (docs often call the server's URL HOST). */
  HOST: z
    .string()
    .trim()
    .min(1)
    .refine((host) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(host), {
      error:
        'is the address to listen on, such as 0.0.0.0 or 127.0.0.1, not a URL; to point the API examples at a server, use PEAKEND_URL',
    })
    .default('0.0.0.0'),
  /**
   * Worker processes serving on this machine (node:cluster): one per core uses them all. More
   * than one needs PostgreSQL, which they share as several nodes do.
   */
  PEAKEND_WORKERS: z.coerce
    .number({ error: 'must be a whole number from 1 to 64' })
    .int({ error: 'must be a whole number from 1 to 64' })
    .min(1, { error: 'must be a whole number from 1 to 64' })
    .max(64, { error: 'must be a whole number from 1 to 64' })
    .default(1),
  DATABASE_URL: ZDatabaseUrl,
  PEAKEND_ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (e.g. `openssl rand -hex 24`)')
    .optional(),
  /** A separate token for `GET /metrics` (the admin token is accepted there too). */
  METRICS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (e.g. `openssl rand -hex 24`)')
    .optional(),
  /** How much the server logs: fatal, error, warn, info (the default), debug, trace or silent. */
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('info'),
  PEAKEND_DEMO: ZBoolean.default(false),
  /** With the demo: six weeks of its history on the first start (off for tests that count). */
  PEAKEND_DEMO_HISTORY: ZBoolean.default(true),
  PUBLIC_URL: z
    .url()
    .refine((url) => /^https?:\/\//.test(url), { message: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  TRUST_PROXY: ZTrustProxy,
  /**
   * Refuse webhook destinations that are not public addresses (server-side request forgery).
   * On by default in production, off otherwise (a receiver on this machine while developing).
   */
  PEAKEND_WEBHOOK_GUARD: ZBoolean.optional(),
  PEAKEND_WEBHOOK_ALLOW: ZWebhookAllow,
  /**
   * Where Peakend sends email (nodemailer's URL form: `smtps://user:pass@mail.example:465`, or
   * `smtp://…:587` with STARTTLS). Unset: Peakend sends no email (docs/accounts.md).
   */
  SMTP_URL: z
    .url({ error: 'must be a URL like smtps://user:password@mail.example.com:465' })
    .refine((url) => /^smtps?:\/\//i.test(url), {
      message: 'must start with smtp:// or smtps:// (e.g. smtps://user:password@mail.example.com)',
    })
    .optional(),
  /** The sender of Peakend's email: `peakend@example.com` or `Peakend <peakend@example.com>`. */
  SMTP_FROM: z
    .string()
    .trim()
    .refine((from) => /^(?:[^<>\r\n]*<)?[^\s<>@]+@[^\s<>@]+>?$/.test(from), {
      message: 'must be an address, like peakend@example.com or "Peakend <peakend@example.com>"',
    })
    .optional(),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  /** Worker processes on this machine (1: this process serves alone). */
  workers: number;
  adminToken: string | null;
  /** Bearer token for `GET /metrics` besides the admin token; null: the admin token only. */
  metricsToken: string | null;
  logLevel: LogLevel;
  demo: boolean;
  /** With the demo: write its six weeks of history on the first start. */
  demoHistory: boolean;
  /** Where browsers reach this server; the widget snippet and demo page point here. */
  publicUrl: string;
  /** Express's "trust proxy": the proxies whose X-Forwarded-* headers are believed. */
  trustProxy: number | string[];
  /** Where email goes out, and from whom; null: Peakend sends no email. */
  smtp: { url: string; from: string } | null;
  /** Whether webhook destinations must be public addresses, and what is allowed anyway. */
  webhooks: { guard: boolean; allow: string[] };
}

export class ConfigError extends Error {}

/** The message that stops the start: one line per variable, naming it. */
function invalid(problems: readonly { variable: string; message: string }[]): ConfigError {
  const lines = problems.map((p) => `  ${p.variable}: ${p.message}`);
  return new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Parses `env` with `schema`, treating an empty variable as not set. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((issue) => ({
        variable: issue.path.join('.'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

function toDatabase(url: string): Config['database'] {
  return url.startsWith('sqlite:')
    ? { kind: 'sqlite', path: url.slice('sqlite:'.length) || './data/peakend.db' }
    : { kind: 'postgres', url };
}

/**
 * Only DATABASE_URL, for tools that work on the data without serving (`npm run backup`): they
 * run beside the server in the same environment but need none of its secrets.
 */
export function readDatabaseConfig(env: NodeJS.ProcessEnv): Config['database'] {
  return toDatabase(parseEnv(z.object({ DATABASE_URL: ZDatabaseUrl }), env).DATABASE_URL);
}

/** Browsers on this machine reach the server without TLS; anywhere else they must use https. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What production refuses although each value is valid on its own: the demo's published
 * credentials, an admin API without a token, and session cookies sent in the clear.
 */
function productionProblems(e: z.output<typeof ZEnv>) {
  const problems: { variable: string; message: string }[] = [];
  const why = 'in production (NODE_ENV=production)';
  if (e.PEAKEND_ADMIN_TOKEN === undefined) {
    problems.push({
      variable: 'PEAKEND_ADMIN_TOKEN',
      message: `required ${why}: set a random token of at least 24 characters (e.g. \`openssl rand -hex 24\`)`,
    });
  }
  if (e.PUBLIC_URL === undefined) {
    problems.push({
      variable: 'PUBLIC_URL',
      message: `required ${why}: the https:// address browsers use to reach this server`,
    });
  } else {
    const url = new URL(e.PUBLIC_URL);
    if (url.protocol !== 'https:' && !LOCAL_HOSTS.has(url.hostname)) {
      problems.push({
        variable: 'PUBLIC_URL',
        message: `must be an https:// URL ${why}, so sign-in cookies never travel in the clear (http is allowed only for localhost and 127.0.0.1)`,
      });
    }
  }
  if (e.PEAKEND_DEMO) {
    problems.push({
      variable: 'PEAKEND_DEMO',
      message: `the demo site and its public credentials are refused ${why}`,
    });
  }
  return problems;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const e = parseEnv(ZEnv, env);
  const production = e.NODE_ENV === 'production';
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  if (production) {
    const problems = productionProblems(e);
    if (problems.length > 0) throw invalid(problems);
  }
  const database = toDatabase(e.DATABASE_URL);
  if (e.PEAKEND_WORKERS > 1 && database.kind === 'sqlite') {
    throw invalid([
      {
        variable: 'PEAKEND_WORKERS',
        message:
          'more than one worker needs PostgreSQL (DATABASE_URL=postgres://…): a SQLite file has ' +
          'one writer. Leave PEAKEND_WORKERS unset (or 1) with SQLite.',
      },
    ]);
  }
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    workers: e.PEAKEND_WORKERS,
    database,
    adminToken: e.PEAKEND_ADMIN_TOKEN ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    demo: e.PEAKEND_DEMO,
    demoHistory: e.PEAKEND_DEMO_HISTORY,
    publicUrl,
    trustProxy: e.TRUST_PROXY,
    webhooks: { guard: e.PEAKEND_WEBHOOK_GUARD ?? production, allow: e.PEAKEND_WEBHOOK_ALLOW },
    smtp: e.SMTP_URL
      ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? `Peakend <peakend@${new URL(publicUrl).hostname}>` }
      : null,
  };
}
