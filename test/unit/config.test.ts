import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';

describe('readConfig', () => {
  it('has working defaults', () => {
    expect(readConfig({})).toEqual({
      production: false,
      port: 3000,
      host: '0.0.0.0',
      database: { kind: 'sqlite', path: './data/peakend.db' },
      adminToken: null,
      demo: false,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://db.internal/peakend',
      PEAKEND_ADMIN_TOKEN: 'x'.repeat(32),
      PEAKEND_DEMO: 'true',
      PUBLIC_URL: 'https://chat.example.com/',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'postgres', url: 'postgres://db.internal/peakend' },
      adminToken: 'x'.repeat(32),
      demo: true,
      publicUrl: 'https://chat.example.com',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: must be a port number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT: must be a port number from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: use sqlite:PATH/],
    [{ PEAKEND_ADMIN_TOKEN: 'short' }, /PEAKEND_ADMIN_TOKEN: must be at least 24 characters/],
    [{ PEAKEND_DEMO: 'maybe' }, /PEAKEND_DEMO: /],
    [{ PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL: /],
    [{ NODE_ENV: 'production', PEAKEND_DEMO: 'true' }, /PEAKEND_DEMO: .*refused in production/],
  ])('stops the start on a bad value, naming the variable: %o', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
