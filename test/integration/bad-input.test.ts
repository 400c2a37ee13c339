/**
 * Bad input gets a clear refusal, the connection stays up, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectAgent,
  connectVisitor,
  next,
  startServer,
  tempDir,
  type TestServer,
  type VisitorClient,
} from '../support/server';

describe('bad input', () => {
  const dir = tempDir();
  let server: TestServer;
  let visitor: VisitorClient;

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    visitor = connectVisitor(server.url, { siteId: 'demo' });
    await next(visitor, 'connect');
  });

  afterAll(async () => {
    visitor?.disconnect();
    await server?.stop();
    dir.remove();
  });

  it('refuses a malformed socket payload, naming the problem, and stays connected', async () => {
    const emit = visitor.emitWithAck.bind(visitor) as (e: string, p: unknown) => Promise<unknown>;
    for (const payload of [
      undefined,
      null,
      42,
      'text',
      { text: '' },
      { text: 7 },
      { text: 'x'.repeat(5000) },
      { text: 'a\u0000b' },
    ]) {
      const ack = await emit('message:send', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    const ack = (await emit('message:send', { text: '' })) as {
      error: { message: string; issues: unknown[] };
    };
    expect(ack.error.message).toMatch(/text: must not be empty/);
    expect(ack.error.issues).toEqual([{ path: 'text', message: 'must not be empty' }]);

    const rating = (await emit('rating:save', { conversationId: 'c1', key: 'k', end: 9 })) as {
      error: { issues: { path: string }[] };
    };
    expect(rating.error.issues.map((i) => i.path)).toEqual(['end']);

    expect(visitor.connected).toBe(true);
    const hello = await visitor.emitWithAck('hello', {});
    expect(hello).toMatchObject({ ok: true, data: { conversation: null } });
  });

  it('refuses a rating for a conversation that is not closed, or not the visitor’s', async () => {
    const view = await visitor.emitWithAck('message:send', { text: 'hello' });
    if (!view.ok) throw new Error(view.error.message);
    const early = await visitor.emitWithAck('rating:save', {
      conversationId: view.data.id,
      key: 'k1',
      end: 5,
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unknown = await visitor.emitWithAck('rating:save', {
      conversationId: 'nope',
      key: 'k2',
      end: 5,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses an unknown site with a clear connection error', async () => {
    const stranger = connectVisitor(server.url, { siteId: 'no-such-site' });
    const error = await next<Error & { data?: unknown }>(stranger, 'connect_error');
    expect(error.message).toBe(
      'there is no site "no-such-site": check data-site in the snippet (the site id is shown in the admin screens).',
    );
    // The cause is machine-readable: the widget warns the page's webmaster with it.
    expect(error.data).toMatchObject({ code: 'not_found', cause: 'unknown_site' });
    stranger.disconnect();

    const anonymous = connectVisitor(server.url, {});
    expect((await next<Error>(anonymous, 'connect_error')).message).toMatch(/data-site/);
    anonymous.disconnect();
  });

  it("refuses a visitor from a page the site does not allow, and accepts the site's own", async () => {
    const from = (origin: string) =>
      connectVisitor(server.url, { siteId: 'demo' }, { extraHeaders: { origin } });
    const stranger = from('https://evil.example');
    const refused = await next<Error & { data?: unknown }>(stranger, 'connect_error');
    expect(refused.message).toBe(
      "this page's origin https://evil.example is not one of the site's allowed origins: add it in the admin screens (Settings, Allowed origins).",
    );
    expect(refused.data).toMatchObject({ code: 'forbidden', cause: 'origin' });
    stranger.disconnect();
    // The demo site allows the server's own origin (its demo page).
    const own = from(server.url);
    await next(own, 'connect');
    own.disconnect();
  });

  it('refuses an agent socket without a session', async () => {
    const { io } = await import('socket.io-client');
    const socket = io(`${server.url}/agent`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    expect((await next<Error>(socket, 'connect_error')).message).toBe('unauthorized');
    socket.disconnect();
  });

  it('answers bad HTTP bodies and wrong passwords with clear JSON errors', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const malformed = await post('{"email":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      error: { code: 'invalid', message: 'The request body is not valid JSON.' },
    });

    const invalid = await post(JSON.stringify({ email: 'not-an-email', password: '' }));
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as {
      error: { message: string; issues: { path: string; message: string }[] };
    };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
    // In words a person signing in acts on (the form shows it as is), not "the request body".
    expect(body.error.message).toBe('Enter a valid email address.');
    expect(body.error.issues.find((i) => i.path === 'email')?.message).toBe(
      'Enter a valid email address',
    );
    const noPassword = await post(JSON.stringify({ email: 'anna@demo.peakend.test' }));
    expect(((await noPassword.json()) as { error: { message: string } }).error.message).toBe(
      'Enter your password.',
    );

    const wrong = await post(JSON.stringify({ email: 'anna@demo.peakend.test', password: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: 'unauthorized', message: 'Wrong email or password.' },
    });

    // And the right password still works afterwards.
    const agent = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(agent, 'connect');
    agent.disconnect();
  });

  it('reports health', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
