/**
 * The server's request log, captured from a real server: one JSON line per request with its id
 * and site, and never a secret, whatever the request carried: bearer tokens, session cookies
 * (sent or set), invite tokens in paths or query strings, passwords in bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { createLogger } from '../../server/logger';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';

const ANNA = 'anna@demo.peakend.test';

describe('request log', () => {
  const dir = tempDir();
  const lines: string[] = [];
  let server: TestServer;

  beforeAll(async () => {
    const log = createLogger({
      level: 'debug',
      destination: { write: (line) => lines.push(line) },
    });
    server = await startServer({ dbPath: `${dir.path}/peakend.db`, log });
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  const entries = () =>
    lines.map(
      (line) =>
        JSON.parse(line) as {
          msg: string;
          level: number;
          siteId?: string;
          req?: { id: string; url: string; headers: Record<string, string> };
          res?: { statusCode: number };
        },
    );
  /** The log entry of the request with this id. */
  const entryOf = (id: string | null) => entries().find((entry) => entry.req?.id === id);

  it('gives every request an id, the caller’s when sane, and logs it with the site', async () => {
    const mine = await fetch(`${server.url}/api/v1/sites/demo/scores`, {
      headers: { 'x-request-id': 'lb-7f3a.92:1' },
    });
    expect(mine.headers.get('x-request-id')).toBe('lb-7f3a.92:1');
    expect(entryOf('lb-7f3a.92:1')).toMatchObject({
      msg: expect.stringMatching(/^GET \/api\/v1\/sites\/demo\/scores 401 \d+ ms$/),
      siteId: 'demo',
      req: { url: '/api/v1/sites/demo/scores' },
      res: { statusCode: 401 },
    });

    for (const insane of ['has spaces in it', 'x'.repeat(200), '{"level":60}']) {
      const response = await fetch(`${server.url}/healthz`, {
        headers: { 'x-request-id': insane },
      });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(entryOf(id)).toMatchObject({ req: { url: '/healthz' }, res: { statusCode: 200 } });
      expect(lines.join('')).not.toContain(insane);
    }
    const plain = await fetch(`${server.url}/console/`);
    expect(entryOf(plain.headers.get('x-request-id'))).not.toHaveProperty('siteId');
  });

  it('writes no secret a request carried, nor the cookie it set', async () => {
    const before = lines.length;
    const secrets: string[] = [TEST_ADMIN_TOKEN, DEMO_PASSWORD];

    // A session cookie set by a sign-in, then sent back.
    const signIn = await call(server, 'POST', '/api/v1/session', {
      body: { email: ANNA, password: DEMO_PASSWORD },
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.cookie!;
    secrets.push(cookie.split('=')[1]!);
    expect((await call(server, 'GET', '/api/v1/session', { cookie })).status).toBe(200);

    // An invite: its token in a body, in a path, in a query string and in a Referer.
    const invite = await call<{ link: string }>(server, 'POST', '/api/v1/sites/demo/invites', {
      token: TEST_ADMIN_TOKEN,
      body: { email: 'kim@example.com', role: 'agent' },
    });
    expect(invite.status).toBe(201);
    const inviteToken = invite.body.link.split('#')[1]!;
    secrets.push(inviteToken);
    await call(server, 'POST', '/api/v1/invites/lookup', { body: { token: inviteToken } });
    await fetch(`${server.url}/api/v1/invites/${inviteToken}`);
    await fetch(`${server.url}/webhooks/whk_${inviteToken.slice(0, 14)}/deliveries`);
    secrets.push(`whk_${inviteToken.slice(0, 14)}`);
    await fetch(`${server.url}/api/v1/sites/demo/scores?token=${inviteToken}&at=now`, {
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        cookie: `${cookie}; other=value`,
        'proxy-authorization': 'Basic dXNlcjpodW50ZXIy',
        referer: `${server.url}/console/join?invite=${inviteToken}#${inviteToken}`,
      },
    });
    secrets.push('dXNlcjpodW50ZXIy');

    const written = lines.slice(before);
    expect(written.length).toBeGreaterThanOrEqual(7);
    const text = written.join('');
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    // The requests are there, with what was redacted marked so.
    const scores = entries().find((e) => e.req?.url.startsWith('/api/v1/sites/demo/scores?'));
    expect(scores?.req).toMatchObject({
      url: '/api/v1/sites/demo/scores?token=[redacted]&at=now',
      headers: {
        authorization: '[redacted]',
        cookie: '[redacted]',
        'proxy-authorization': '[redacted]',
        referer: `${server.url}/console/join?invite=[redacted]`,
      },
    });
    expect(text).toContain('"url":"/api/v1/invites/[redacted]"');
    expect(text).toContain('"url":"/webhooks/[redacted]/deliveries"');
  });
});
