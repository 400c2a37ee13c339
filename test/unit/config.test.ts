import { describe, expect, it } from 'vitest';
import { readConfig, readDatabaseConfig } from '../../server/config';

describe('readConfig', () => {
  it('has working defaults', () => {
    expect(readConfig({})).toEqual({
      production: false,
      port: 3000,
      host: '0.0.0.0',
      workers: 1,
      database: { kind: 'sqlite', path: './data/peakend.db' },
      adminToken: null,
      metricsToken: null,
      logLevel: 'info',
      demo: false,
      demoHistory: true,
      publicUrl: 'http://localhost:3000',
      trustProxy: ['loopback'],
      smtp: null,
      webhooks: { guard: false, allow: [] },
    });
  });

  it('names HOST when it is given a URL, the server’s address, rather than one to listen on', () => {
    expect(readConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '::' }).host).toBe('::');
    expect(() => readConfig({ HOST: 'http://localhost:3000' })).toThrow(
      /HOST: is the address to listen on, such as 0\.0\.0\.0 or 127\.0\.0\.1, not a URL; .*PEAKEND_URL/,
    );
  });

  it('guards webhook destinations in production, and reads what is allowed anyway', () => {
    const production = {
      NODE_ENV: 'production',
      PEAKEND_ADMIN_TOKEN: 'a-long-enough-admin-token-0123456789',
      PUBLIC_URL: 'https://peakend.example',
    } as const;
    expect(readConfig(production).webhooks).toEqual({ guard: true, allow: [] });
    expect(readConfig({ PEAKEND_WEBHOOK_GUARD: 'true' }).webhooks.guard).toBe(true);
    expect(
      readConfig({ PEAKEND_WEBHOOK_ALLOW: 'hooks.internal, 10.20.0.0/16,fd00::1' }).webhooks.allow,
    ).toEqual(['hooks.internal', '10.20.0.0/16', 'fd00::1']);
    expect(() => readConfig({ PEAKEND_WEBHOOK_ALLOW: '10.0.0.0/99' })).toThrow(
      /PEAKEND_WEBHOOK_ALLOW/,
    );
    expect(() => readConfig({ PEAKEND_WEBHOOK_ALLOW: 'http://x/' })).toThrow(
      /neither a host name nor an address/,
    );
  });

  it('runs several workers only on PostgreSQL, saying why with SQLite', () => {
    const postgres = 'postgres://peakend@db.internal:5432/peakend';
    expect(readConfig({ PEAKEND_WORKERS: '4', DATABASE_URL: postgres }).workers).toBe(4);
    expect(readConfig({ PEAKEND_WORKERS: '1' }).workers).toBe(1);
    expect(() => readConfig({ PEAKEND_WORKERS: '2' })).toThrow(
      /PEAKEND_WORKERS: more than one worker needs PostgreSQL/,
    );
    for (const PEAKEND_WORKERS of ['0', '65', 'two', '1.5']) {
      expect(() => readConfig({ PEAKEND_WORKERS, DATABASE_URL: postgres })).toThrow(
        /PEAKEND_WORKERS: must be a whole number from 1 to 64/,
      );
    }
  });

  it('sends email only with SMTP_URL, from SMTP_FROM or an address of PUBLIC_URL', () => {
    expect(readConfig({ SMTP_URL: 'smtps://peakend:s3cret@mail.example.com:465' }).smtp).toEqual({
      url: 'smtps://peakend:s3cret@mail.example.com:465',
      from: 'Peakend <peakend@localhost>',
    });
    expect(
      readConfig({
        SMTP_URL: 'smtp://mail.internal:587',
        SMTP_FROM: 'Support <support@shop.example>',
        PUBLIC_URL: 'https://chat.shop.example',
      }).smtp,
    ).toEqual({ url: 'smtp://mail.internal:587', from: 'Support <support@shop.example>' });
    for (const SMTP_URL of ['mail.example.com', 'https://mail.example.com', 'smtp:/x']) {
      expect(() => readConfig({ SMTP_URL })).toThrow(/SMTP_URL: /);
    }
    // The message names the variable, never the password in it.
    expect(() => readConfig({ SMTP_URL: 'imap://user:hunter2@mail.example.com' })).toThrow(
      /^(?![\s\S]*hunter2)[\s\S]*SMTP_URL: must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => readConfig({ SMTP_URL: 'smtp://m.example', SMTP_FROM: 'not an address' })).toThrow(
      /SMTP_FROM: /,
    );
  });

  it('trusts the proxies it is told of, by address, subnet or hops, never everyone', () => {
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
    ]);
    expect(readConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy).toEqual([
      'loopback',
      'uniquelocal',
    ]);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => readConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: "true" is not an address/,
    );
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY: /);
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://db.internal/peakend',
      PEAKEND_ADMIN_TOKEN: 'x'.repeat(32),
      METRICS_TOKEN: 'm'.repeat(24),
      LOG_LEVEL: 'Debug',
      PEAKEND_DEMO: 'true',
      PUBLIC_URL: 'https://chat.example.com/',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'postgres', url: 'postgres://db.internal/peakend' },
      adminToken: 'x'.repeat(32),
      metricsToken: 'm'.repeat(24),
      logLevel: 'debug',
      demo: true,
      demoHistory: true,
      publicUrl: 'https://chat.example.com',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: must be a port number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT: must be a port number from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: use sqlite:PATH/],
    [{ PEAKEND_ADMIN_TOKEN: 'short' }, /PEAKEND_ADMIN_TOKEN: must be at least 24 characters/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: must be at least 24 characters/],
    [
      { LOG_LEVEL: 'loud' },
      /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
    [{ PEAKEND_DEMO: 'maybe' }, /PEAKEND_DEMO: /],
    [{ PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL: /],
    [{ NODE_ENV: 'staging' }, /NODE_ENV: /],
  ])('stops the start on a bad value, naming the variable: %o', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});

describe('readConfig in production (NODE_ENV=production)', () => {
  const ready = {
    NODE_ENV: 'production',
    PEAKEND_ADMIN_TOKEN: 'a'.repeat(48),
    PUBLIC_URL: 'https://chat.example.com',
  };

  it('starts with an admin token and an https address', () => {
    expect(readConfig(ready)).toMatchObject({
      production: true,
      adminToken: 'a'.repeat(48),
      publicUrl: 'https://chat.example.com',
      demo: false,
      demoHistory: true,
    });
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000'])(
    'allows plain http on this machine only: %s',
    (url) => {
      expect(readConfig({ ...ready, PUBLIC_URL: url }).publicUrl).toBe(url);
    },
  );

  it.each([
    [{ PEAKEND_ADMIN_TOKEN: undefined }, /PEAKEND_ADMIN_TOKEN: required in production/],
    [{ PEAKEND_ADMIN_TOKEN: '' }, /PEAKEND_ADMIN_TOKEN: required in production/],
    [{ PUBLIC_URL: undefined }, /PUBLIC_URL: required in production/],
    [{ PUBLIC_URL: 'http://chat.example.com' }, /PUBLIC_URL: must be an https:\/\/ URL/],
    [{ PUBLIC_URL: 'http://10.0.0.5:3000' }, /PUBLIC_URL: must be an https:\/\/ URL/],
    [{ PEAKEND_DEMO: 'true' }, /PEAKEND_DEMO: .*refused in production/],
  ])('refuses %o', (change, message) => {
    expect(() => readConfig({ ...ready, ...change })).toThrow(message);
  });

  it('names every missing secret at once, so one restart is enough to fix them', () => {
    expect(() => readConfig({ NODE_ENV: 'production', PEAKEND_DEMO: 'on' })).toThrow(
      /^Invalid configuration:\n {2}PEAKEND_ADMIN_TOKEN: .*\n {2}PUBLIC_URL: .*\n {2}PEAKEND_DEMO: .*$/,
    );
  });

  it('asks for nothing of the sort outside production', () => {
    expect(readConfig({ PUBLIC_URL: 'http://chat.example.com' }).production).toBe(false);
  });
});

describe('readDatabaseConfig', () => {
  it('reads DATABASE_URL alone, as the server does, needing none of its secrets', () => {
    expect(readDatabaseConfig({ NODE_ENV: 'production' })).toEqual({
      kind: 'sqlite',
      path: './data/peakend.db',
    });
    expect(readDatabaseConfig({ DATABASE_URL: 'sqlite:/var/lib/peakend/p.db' })).toEqual({
      kind: 'sqlite',
      path: '/var/lib/peakend/p.db',
    });
    expect(readDatabaseConfig({ DATABASE_URL: 'postgres://db/peakend' })).toEqual({
      kind: 'postgres',
      url: 'postgres://db/peakend',
    });
  });

  it('refuses a bad DATABASE_URL with the same message', () => {
    expect(() => readDatabaseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: use sqlite:PATH/,
    );
  });
});
