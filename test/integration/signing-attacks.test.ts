/**
 * Attacks on what the server signs or checks the signature of, tried over its public API as an
 * outside attacker would, on both stores:
 *   - M1: the host's signature of conversation "42" must not pass as the userHash of user "42"
 *     (which would open that user's chat), nor the reverse;
 *   - a visitor token must expire (30 days after it was issued, renewed at every connection),
 *     and rotating the site key must revoke the tokens and signatures made before.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/ack';
import type { RatingView } from '../../shared/protocol';
import { DAY } from '../../shared/time';
import {
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

/** The visitor token lifetime docs/embedding.md promises. */
const TOKEN_DAYS = 30;

const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('hex');

describe.each(await storeKinds())('signatures and visitor tokens under attack (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  // The server's clock, moved by the tests instead of waiting.
  let now = Date.UTC(2026, 2, 2, 9);
  const clients: VisitorClient[] = [];
  let keys = 0;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now: () => now } });
  });

  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  async function signingSecret(): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/sites/demo`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    return ((await response.json()) as { signingSecret: string }).signingSecret;
  }

  /** A visitor socket: connected, or the handshake's refusal. */
  async function join(auth: Record<string, unknown>): Promise<VisitorClient | Error> {
    const client = connectVisitor(server.url, { siteId: 'demo', ...auth });
    clients.push(client);
    return Promise.race([
      next(client, 'connect').then(() => client),
      next<Error>(client, 'connect_error'),
    ]);
  }

  async function visitor(auth: Record<string, unknown> = {}): Promise<VisitorClient> {
    const client = await join(auth);
    if (client instanceof Error) throw client;
    return client;
  }

  /** One rating step over HTTP, as the widget's outbox sends it. */
  async function rate(step: {
    conversationId: string;
    visitorToken?: string;
    signature?: string;
  }): Promise<Ack<RatingView>> {
    const { visitorToken, ...rest } = step;
    const response = await fetch(`${server.url}/api/v1/sites/demo/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: server.url },
      body: JSON.stringify({
        ...(visitorToken && { visitorToken }),
        ratings: [{ ...rest, key: `step-${++keys}`, end: 5 }],
      }),
    });
    const body = (await response.json()) as { results: Ack<RatingView>[] };
    return body.results[0]!;
  }

  /** A new visitor with a conversation they have ended: it is theirs to rate. */
  async function visitorWithEndedChat() {
    const socket = await visitor();
    const { visitorId, visitorToken } = data(await socket.emitWithAck('hello', {}));
    const { id } = data(await socket.emitWithAck('message:send', { text: 'Where is my order?' }));
    data(await socket.emitWithAck('conversation:end', { conversationId: id }));
    socket.disconnect();
    return { visitorId, visitorToken, conversationId: id };
  }

  it('M1: the signature of conversation "42" does not open the chat of user "42", nor the reverse', async () => {
    const secret = await signingSecret();
    // Whatever form of signature the server takes, made by someone holding the secret.
    const forms = (value: string) => [
      hmac(secret, value),
      hmac(secret, `conversation:${value}`),
      hmac(secret, `user:${value}`),
    ];
    const asUserHash: string[] = [];
    for (const hash of forms('42')) {
      const socket = await join({ userId: '42', userHash: hash });
      if (socket instanceof Error) continue;
      asUserHash.push(hash);
      socket.disconnect();
    }
    const asSignature: string[] = [];
    for (const signature of forms('42')) {
      if ((await rate({ conversationId: '42', signature })).ok) asSignature.push(signature);
    }
    expect(asUserHash).toHaveLength(1);
    expect(asSignature).toHaveLength(1);

    // User 42 chats on the customer's site, signed in.
    const user = await visitor({ userId: '42', userHash: asUserHash[0] });
    data(await user.emitWithAck('message:send', { text: 'My new address is 1 Elm Street' }));

    // The page that asked for a rating of helpdesk conversation 42 showed its signature.
    const attacker = await join({ userId: '42', userHash: asSignature[0] });
    expect(attacker).toBeInstanceOf(Error);
    expect((attacker as Error).message).toContain('identity could not be verified');

    // And a user's hash does not rate the helpdesk conversation of the same id.
    const reverse = await rate({ conversationId: '42', signature: asUserHash[0] });
    expect(reverse).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('M1: signs each claim behind its label, as documented; the unlabelled old way is refused', async () => {
    const secret = await signingSecret();
    const signed = await join({ userId: 'c-7', userHash: hmac(secret, 'user:c-7') });
    expect(signed).not.toBeInstanceOf(Error);
    expect(await join({ userId: 'c-7', userHash: hmac(secret, 'c-7') })).toBeInstanceOf(Error);
    const rated = await rate({
      conversationId: 'zd-7',
      signature: hmac(secret, 'conversation:zd-7'),
    });
    expect(rated).toMatchObject({ ok: true, data: { end: 5 } });
    const unlabelled = await rate({ conversationId: 'zd-8', signature: hmac(secret, 'zd-8') });
    expect(unlabelled).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it(`refuses a visitor token ${TOKEN_DAYS} days after it was issued`, async () => {
    const stale = await visitorWithEndedChat();
    now += TOKEN_DAYS * DAY;

    // Found in the browser a month later: it rates nothing and opens nothing.
    expect(
      await rate({ conversationId: stale.conversationId, visitorToken: stale.visitorToken }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const socket = await visitor({ visitorToken: stale.visitorToken });
    const hello = data(await socket.emitWithAck('hello', {}));
    expect(hello.visitorId).not.toBe(stale.visitorId);
    expect(hello.conversation).toBeNull();
  });

  it('renews the token at each connection, so a visitor who comes back is never cut off', async () => {
    const first = await visitorWithEndedChat();
    now += (TOKEN_DAYS - 10) * DAY;
    const back = await visitor({ visitorToken: first.visitorToken });
    const renewed = data(await back.emitWithAck('hello', {}));
    back.disconnect();
    expect(renewed.visitorId).toBe(first.visitorId);
    expect(renewed.conversation?.id).toBe(first.conversationId);
    expect(renewed.visitorToken).not.toBe(first.visitorToken);

    // Past the first token's life: the renewed one still delivers a step the outbox kept.
    now += 20 * DAY;
    expect(
      await rate({ conversationId: first.conversationId, visitorToken: renewed.visitorToken }),
    ).toMatchObject({ ok: true, data: { end: 5 } });
    expect(
      await rate({ conversationId: first.conversationId, visitorToken: first.visitorToken }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('revokes the visitor tokens and signatures issued before a key rotation', async () => {
    const before = await visitorWithEndedChat();
    // Someone holding a leaked token, connected while the key rotates.
    const holder = await visitor({ visitorToken: before.visitorToken });
    data(await holder.emitWithAck('hello', {}));
    const cutOff = new Promise((resolve) => holder.once('disconnect', resolve));
    const oldSecret = await signingSecret();
    const rotation = await fetch(`${server.url}/api/v1/sites/demo/key`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(rotation.status).toBe(200);
    const { signingSecret: newSecret } = (await rotation.json()) as { signingSecret: string };
    expect(newSecret).not.toBe(oldSecret);
    // The open connection ends with the key: it does not outlive its token.
    expect(await cutOff).toBe('io server disconnect');

    // The token of a minute ago no longer rates its conversation, nor brings it back.
    expect(
      await rate({ conversationId: before.conversationId, visitorToken: before.visitorToken }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const socket = await visitor({ visitorToken: before.visitorToken });
    const hello = data(await socket.emitWithAck('hello', {}));
    expect(hello.visitorId).not.toBe(before.visitorId);
    expect(hello.conversation).toBeNull();

    // Signatures made with the old secret are refused; the new secret's work.
    const old = await rate({
      conversationId: 'zd-9',
      signature: hmac(oldSecret, 'conversation:zd-9'),
    });
    expect(old).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await join({ userId: 'c-9', userHash: hmac(oldSecret, 'user:c-9') })).toBeInstanceOf(
      Error,
    );
    const fresh = await rate({
      conversationId: 'zd-9',
      signature: hmac(newSecret, 'conversation:zd-9'),
    });
    expect(fresh).toMatchObject({ ok: true });
    expect(await join({ userId: 'c-9', userHash: hmac(newSecret, 'user:c-9') })).not.toBeInstanceOf(
      Error,
    );
  });
});
