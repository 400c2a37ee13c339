/**
 * Configuration from the environment, parsed once at boot. A bad value stops the start with a
 * message that names the variable.
 */
import { z } from 'zod';

const ZBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const ZDatabaseUrl = z
  .string()
  .trim()
  .refine((url) => /^(sqlite:|postgres(ql)?:\/\/)/.test(url), {
    message: 'use sqlite:PATH (e.g. sqlite:./data/peakend.db) or postgres://…',
  });

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int({ error: 'must be a port number from 0 to 65535' })
    .min(0, { error: 'must be a port number from 0 to 65535' })
    .max(65535, { error: 'must be a port number from 0 to 65535' })
    .default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_URL: ZDatabaseUrl.default('sqlite:./data/peakend.db'),
  PEAKEND_ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters (e.g. `openssl rand -hex 24`)')
    .optional(),
  PEAKEND_DEMO: ZBoolean.default(false),
  PUBLIC_URL: z
    .url()
    .refine((url) => /^https?:\/\//.test(url), { message: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  adminToken: string | null;
  demo: boolean;
  /** Where browsers reach this server; the widget snippet and demo page point here. */
  publicUrl: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.PEAKEND_DEMO) {
    throw new ConfigError(
      'Invalid configuration:\n  PEAKEND_DEMO: the demo site and its public credentials are refused in production (NODE_ENV=production)',
    );
  }
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL.startsWith('sqlite:')
      ? { kind: 'sqlite', path: e.DATABASE_URL.slice('sqlite:'.length) || './data/peakend.db' }
      : { kind: 'postgres', url: e.DATABASE_URL },
    adminToken: e.PEAKEND_ADMIN_TOKEN ?? null,
    demo: e.PEAKEND_DEMO,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
  };
}
