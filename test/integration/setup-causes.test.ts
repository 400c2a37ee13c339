/**
 * Webmaster diagnostics: every refusal a page's webmaster can fix names a machine-readable cause
 * beside its message (an unknown site, an origin not allowed, a userHash or a host-chat
 * signature that does not verify, including after a key rotation), so the widget can warn in
 * the page's console while the visitor sees only "Chat isn't available".
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

type Refused = Error & { data?: { code: string; cause?: string } };

describe.each(await storeKinds())('setup problems name their cause (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  const sockets: VisitorClient[] = [];
  const sign = (secret: string, value: string) =>
    createHmac('sha256', secret).update(value).digest('hex');

  const refusal = async (auth: Record<string, unknown>, origin?: string) => {
    const socket = connectVisitor(server.url, auth, origin ? { extraHeaders: { origin } } : {});
    sockets.push(socket);
    return (await next<Refused>(socket, 'connect_error')).data;
  };

  const signingSecret = async () => {
    const site = await call<{ signingSecret: string }>(server, 'GET', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
    });
    return site.body.signingSecret;
  };

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  it('names an unknown site, an origin not allowed and a snippet that does not parse', async () => {
    expect(await refusal({ siteId: 'no-such-site' })).toMatchObject({
      code: 'not_found',
      cause: 'unknown_site',
    });
    expect(await refusal({ siteId: 'demo' }, 'http://127.0.0.1:4260')).toMatchObject({
      code: 'forbidden',
      cause: 'origin',
    });
    expect(await refusal({ siteId: 'demo', userId: 'u1' })).toMatchObject({
      code: 'invalid',
      cause: 'handshake',
    });
  });

  it('names a userHash and a rating signature made with the key before a rotation', async () => {
    const old = await signingSecret();
    // Both verify with the current key.
    const user = connectVisitor(server.url, {
      siteId: 'demo',
      userId: 'u-7',
      userHash: sign(old, 'user:u-7'),
    });
    sockets.push(user);
    await next(user, 'connect');
    user.disconnect();

    const rotated = await call(server, 'POST', '/api/v1/sites/demo/key', {
      token: TEST_ADMIN_TOKEN,
    });
    expect(rotated.status).toBe(200);

    expect(
      await refusal({ siteId: 'demo', userId: 'u-7', userHash: sign(old, 'user:u-7') }),
    ).toMatchObject({ code: 'forbidden', cause: 'user_hash' });

    // A host-chat rating signed with the old secret: over the socket and over HTTP.
    const rating = {
      conversationId: 'helpdesk-42',
      key: 'k1',
      end: 4,
      signature: sign(old, 'conversation:helpdesk-42'),
    };
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    sockets.push(visitor);
    await next(visitor, 'connect');
    data(await visitor.emitWithAck('hello', {}));
    expect(await visitor.emitWithAck('rating:save', rating)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', cause: 'signature' },
    });
    const overHttp = await call<{ results: unknown[] }>(
      server,
      'POST',
      '/api/v1/sites/demo/ratings',
      {
        body: { ratings: [rating] },
      },
    );
    expect(overHttp.body.results).toMatchObject([
      { ok: false, error: { code: 'forbidden', cause: 'signature' } },
    ]);

    // Signed with the new secret, it is accepted.
    const fresh = await signingSecret();
    const accepted = await visitor.emitWithAck('rating:save', {
      ...rating,
      signature: sign(fresh, 'conversation:helpdesk-42'),
    });
    expect(accepted).toMatchObject({ ok: true });
  });
});
