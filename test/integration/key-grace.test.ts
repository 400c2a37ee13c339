/**
 * Key rotation with a grace period (decisions.md, "Key rotation and visitor tokens"), tried over
 * the public API as integrators and attackers would, on both stores. During the grace period the
 * old key, what its signing secret signed and the visitor tokens issued under it keep working;
 * when it ends (the server's clock moves on) or an admin revokes it, each is refused at once,
 * and nothing made from the old key's credentials outlives it. Without a grace period, rotation
 * is immediate, as it always was. Only the site's own admins may rotate or revoke.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/ack';
import type { NewInviteView } from '../../shared/accounts';
import type { RatingView } from '../../shared/protocol';
import type { NewSiteView, RotatedKey, SiteView } from '../../shared/sites';
import { HOUR, iso } from '../../shared/time';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import {
  call as callOn,
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  type CallOptions,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('hex');

const operator = { token: TEST_ADMIN_TOKEN };

describe.each(await storeKinds())('key rotation with a grace period (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  // The server's clock, moved by the tests instead of waiting.
  let now = Date.UTC(2026, 4, 4, 9);
  const clients: VisitorClient[] = [];
  let serial = 0;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now: () => now } });
  });

  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  const call = <T = Record<string, unknown>>(method: string, path: string, options?: CallOptions) =>
    callOn<T>(server, method, path, options);

  /** A site of the test's own, as the operator makes it: its id, key and signing secret. */
  async function newSite() {
    const made = await call<NewSiteView>('POST', '/api/v1/sites', {
      ...operator,
      body: { name: `Shop ${++serial}`, allowedOrigins: [server.url] },
    });
    expect(made.status).toBe(201);
    const { siteId, key, signingSecret } = made.body;
    return { siteId, key, signingSecret };
  }
  type Site = Awaited<ReturnType<typeof newSite>>;

  const rotate = (site: Site, body?: unknown, as: CallOptions = operator) =>
    call<RotatedKey>('POST', `/api/v1/sites/${site.siteId}/key`, { ...as, body });
  const revoke = (site: Site, as: CallOptions = operator) =>
    call<SiteView>('DELETE', `/api/v1/sites/${site.siteId}/key/previous`, as);
  const read = async (site: Site) =>
    (await call<SiteView>('GET', `/api/v1/sites/${site.siteId}`, operator)).body;

  /** The scores API with a key: 200 when the key is the site's, else the refusal's status. */
  const withKey = async (site: Site, key: string) => {
    const answer = await call('GET', `/api/v1/sites/${site.siteId}/scores`, { token: key });
    return answer.status === 200 ? 200 : { status: answer.status, error: answer.body.error };
  };
  const unknownKey = { status: 401, error: { code: 'unauthorized', message: 'Unknown site key.' } };

  /** A visitor socket: connected, or the handshake's refusal. */
  async function join(site: Site, auth: Record<string, unknown>): Promise<VisitorClient | Error> {
    const client = connectVisitor(server.url, { siteId: site.siteId, ...auth });
    clients.push(client);
    return Promise.race([
      next(client, 'connect').then(() => client),
      next<Error>(client, 'connect_error'),
    ]);
  }

  async function visitor(site: Site, auth: Record<string, unknown> = {}) {
    const client = await join(site, auth);
    if (client instanceof Error) throw client;
    return client;
  }

  /** Who a token makes a visitor on connecting: their id and the conversation they see. */
  async function comeBack(site: Site, visitorToken: string) {
    const socket = await visitor(site, { visitorToken });
    const hello = data(await socket.emitWithAck('hello', {}));
    socket.disconnect();
    return hello;
  }

  /** A new visitor with a conversation they have ended: it is theirs to rate. */
  async function visitorWithEndedChat(site: Site) {
    const socket = await visitor(site);
    const { visitorId, visitorToken } = data(await socket.emitWithAck('hello', {}));
    const { id } = data(await socket.emitWithAck('message:send', { text: 'Where is my order?' }));
    data(await socket.emitWithAck('conversation:end', { conversationId: id }));
    socket.disconnect();
    return { visitorId, visitorToken, conversationId: id };
  }

  /** One rating step over HTTP, as the widget's outbox (or a host-chat page) sends it. */
  async function rate(
    site: Site,
    step: { conversationId: string; visitorToken?: string; signature?: string },
  ): Promise<Ack<RatingView>> {
    const { visitorToken, ...rest } = step;
    const response = await fetch(`${server.url}/api/v1/sites/${site.siteId}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: server.url },
      body: JSON.stringify({
        ...(visitorToken && { visitorToken }),
        ratings: [{ ...rest, key: `step-${++serial}`, end: 5 }],
      }),
    });
    const body = (await response.json()) as { results: Ack<RatingView>[] };
    return body.results[0]!;
  }

  /** A host-chat rating signed with `secret`: whether it was taken, or the refusal's code. */
  const signedRating = async (site: Site, secret: string) => {
    const conversationId = `zd-${++serial}`;
    const step = await rate(site, {
      conversationId,
      signature: hmac(secret, `conversation:${conversationId}`),
    });
    return step.ok ? 'ok' : step.error.code;
  };

  /** A signed-in user's handshake with a userHash made with `secret`. */
  const signedInUser = (site: Site, secret: string, userId = `user-${++serial}`) =>
    join(site, { userId, userHash: hmac(secret, `user:${userId}`) });

  /** Resolves with the reason once the socket is disconnected. */
  const disconnected = (socket: VisitorClient) => next<string>(socket, 'disconnect');

  /** Sends an event that asks no answer; the server sees it (and may end the socket). */
  const poke = (socket: VisitorClient) => socket.emit('typing', { typing: true });

  it('keeps the old key, its signatures and its visitor tokens working until the grace period ends', async () => {
    const site = await newSite();
    const before = await visitorWithEndedChat(site);
    // Someone chatting while the key rotates, with a token under the old key.
    const chatting = await visitor(site, { visitorToken: before.visitorToken });
    data(await chatting.emitWithAck('hello', {}));

    const rotated = await rotate(site, { graceHours: 24 });
    expect(rotated.status).toBe(200);
    const until = now + 24 * HOUR;
    expect(rotated.body).toEqual({
      siteId: site.siteId,
      key: expect.stringMatching(/^pk_/),
      signingSecret: expect.any(String),
      previousKeyUntil: iso(until),
    });
    const fresh = rotated.body;
    expect(fresh.signingSecret).not.toBe(site.signingSecret);
    // The site says a grace period runs, and until when; never the old key or its secret.
    const view = await read(site);
    expect(view).toMatchObject({
      previousKeyUntil: iso(until),
      signingSecret: fresh.signingSecret,
    });
    expect(JSON.stringify(view)).not.toContain(site.signingSecret);

    // The visitor chatting was not disconnected: the socket still answers.
    expect(data(await chatting.emitWithAck('hello', {})).visitorId).toBe(before.visitorId);
    expect(chatting.connected).toBe(true);

    // Both keys work; so do both secrets' signatures.
    expect(await withKey(site, site.key)).toBe(200);
    expect(await withKey(site, fresh.key)).toBe(200);
    expect(await signedRating(site, site.signingSecret)).toBe('ok');
    expect(await signedRating(site, fresh.signingSecret)).toBe('ok');
    const oldSigned = await signedInUser(site, site.signingSecret, 'u-old');
    expect(oldSigned).not.toBeInstanceOf(Error);
    const userToken = data(await (oldSigned as VisitorClient).emitWithAck('hello', {}));
    (oldSigned as VisitorClient).disconnect();
    expect(await signedInUser(site, fresh.signingSecret)).not.toBeInstanceOf(Error);
    // That user's token, renewed without a userHash, is still theirs.
    const renewedUser = await comeBack(site, userToken.visitorToken);
    expect(renewedUser.visitorId).toBe(userToken.visitorId);

    // The old visitor token still rates its conversation.
    expect(
      await rate(site, {
        conversationId: before.conversationId,
        visitorToken: before.visitorToken,
      }),
    ).toMatchObject({ ok: true, data: { end: 5 } });

    // A visitor who comes back meanwhile keeps their conversation, under the new key.
    const back = await visitorWithEndedChat(site);
    const returning = await comeBack(site, back.visitorToken);
    expect(returning.visitorId).toBe(back.visitorId);

    now = until - 1;
    expect(await withKey(site, site.key)).toBe(200);
    expect(await signedRating(site, site.signingSecret)).toBe('ok');

    // The grace period ends: nothing has to happen for each of them to be refused.
    now = until;
    expect((await read(site)).previousKeyUntil).toBeNull();
    expect(await withKey(site, site.key)).toEqual(unknownKey);
    expect(await withKey(site, fresh.key)).toBe(200);
    expect(await signedRating(site, site.signingSecret)).toBe('forbidden');
    expect(await signedRating(site, fresh.signingSecret)).toBe('ok');
    const refusedUser = await signedInUser(site, site.signingSecret);
    expect(refusedUser).toBeInstanceOf(Error);
    expect((refusedUser as Error).message).toContain('identity could not be verified');
    expect(await signedInUser(site, fresh.signingSecret)).not.toBeInstanceOf(Error);
    expect(
      await rate(site, {
        conversationId: before.conversationId,
        visitorToken: before.visitorToken,
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const stranger = await comeBack(site, before.visitorToken);
    expect(stranger.visitorId).not.toBe(before.visitorId);
    expect(stranger.conversation).toBeNull();

    // The token a userHash of the old secret got dies with that key, renewed or not: an old (or
    // leaked) secret cannot be turned into a token that outlives it.
    for (const token of [userToken.visitorToken, renewedUser.visitorToken]) {
      expect((await comeBack(site, token)).visitorId).not.toBe(userToken.visitorId);
    }

    // The visitor who came back during the grace period moved to the new key: still them.
    expect((await comeBack(site, returning.visitorToken)).visitorId).toBe(back.visitorId);

    // The socket still open under the old key ends at its next event, doing nothing.
    const cut = disconnected(chatting);
    poke(chatting);
    expect(await cut).toBe('io server disconnect');
  });

  it('"Revoke now" ends the grace period at once: the old key, signatures, tokens and sockets', async () => {
    const site = await newSite();
    const before = await visitorWithEndedChat(site);
    const onOldKey = await visitor(site, { visitorToken: before.visitorToken });
    data(await onOldKey.emitWithAck('hello', {}));
    const fresh = (await rotate(site, { graceHours: 168 })).body;
    expect(fresh.previousKeyUntil).toBe(iso(now + 168 * HOUR));
    // A visitor who connects meanwhile is under the new key.
    const onNewKey = await visitor(site);
    const newcomer = data(await onNewKey.emitWithAck('hello', {}));
    expect(await withKey(site, site.key)).toBe(200);

    const cut = disconnected(onOldKey);
    const revoked = await revoke(site);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ siteId: site.siteId, previousKeyUntil: null });
    expect(revoked.body).not.toHaveProperty('key');
    // The socket vouched for under the old key ends with it; the other stays.
    expect(await cut).toBe('io server disconnect');
    expect(data(await onNewKey.emitWithAck('hello', {})).visitorId).toBe(newcomer.visitorId);

    // No time has passed: each is refused all the same.
    expect(await withKey(site, site.key)).toEqual(unknownKey);
    expect(await withKey(site, fresh.key)).toBe(200);
    expect(await signedRating(site, site.signingSecret)).toBe('forbidden');
    expect(await signedInUser(site, site.signingSecret)).toBeInstanceOf(Error);
    expect(
      await rate(site, {
        conversationId: before.conversationId,
        visitorToken: before.visitorToken,
      }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await comeBack(site, before.visitorToken)).visitorId).not.toBe(before.visitorId);
    expect((await comeBack(site, newcomer.visitorToken)).visitorId).toBe(newcomer.visitorId);
    expect((await read(site)).previousKeyUntil).toBeNull();

    // Again: nothing is left to revoke, and the answer says so the same way.
    const again = await revoke(site);
    expect(again.status).toBe(200);
    expect(again.body.previousKeyUntil).toBeNull();
    expect(await withKey(site, fresh.key)).toBe(200);
  });

  it('a second rotation during a grace period keeps only the key it replaces', async () => {
    const site = await newSite();
    const first = await visitorWithEndedChat(site);
    const onFirstKey = await visitor(site, { visitorToken: first.visitorToken });
    data(await onFirstKey.emitWithAck('hello', {}));

    const second = (await rotate(site, { graceHours: 24 })).body;
    const onSecondKey = await visitor(site);
    const secondVisitor = data(await onSecondKey.emitWithAck('hello', {}));

    const cut = disconnected(onFirstKey);
    now += HOUR;
    const third = await rotate(site, { graceHours: 1 });
    expect(third.body.previousKeyUntil).toBe(iso(now + HOUR));
    // The first key, its secret, its tokens and its sockets go at once...
    expect(await cut).toBe('io server disconnect');
    expect(await withKey(site, site.key)).toEqual(unknownKey);
    expect(await signedRating(site, site.signingSecret)).toBe('forbidden');
    expect(await signedInUser(site, site.signingSecret)).toBeInstanceOf(Error);
    expect(
      await rate(site, { conversationId: first.conversationId, visitorToken: first.visitorToken }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // ...the second works through the new grace period, and its visitors stay connected...
    expect(await withKey(site, second.key)).toBe(200);
    expect(await signedRating(site, second.signingSecret)).toBe('ok');
    expect(data(await onSecondKey.emitWithAck('hello', {})).visitorId).toBe(
      secondVisitor.visitorId,
    );
    expect(await withKey(site, third.body.key)).toBe(200);
    // ...until it ends.
    now += HOUR;
    expect(await withKey(site, second.key)).toEqual(unknownKey);
    expect(await signedRating(site, second.signingSecret)).toBe('forbidden');
  });

  it('without a grace period, rotation revokes everything at once, as it always did', async () => {
    const site = await newSite();
    // Left out, empty, or zero: each is the rotation of old.
    for (const body of [undefined, {}, { graceHours: 0 }]) {
      const before = await visitorWithEndedChat(site);
      const chatting = await visitor(site, { visitorToken: before.visitorToken });
      data(await chatting.emitWithAck('hello', {}));

      const cut = disconnected(chatting);
      const rotated = await rotate(site, body);
      expect(rotated.status).toBe(200);
      expect(rotated.body).toEqual({
        siteId: site.siteId,
        key: expect.stringMatching(/^pk_/),
        signingSecret: expect.any(String),
      });
      expect(await cut).toBe('io server disconnect');
      expect(await withKey(site, site.key)).toEqual(unknownKey);
      expect(await signedRating(site, site.signingSecret)).toBe('forbidden');
      expect(await signedInUser(site, site.signingSecret)).toBeInstanceOf(Error);
      expect(
        await rate(site, {
          conversationId: before.conversationId,
          visitorToken: before.visitorToken,
        }),
      ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect((await comeBack(site, before.visitorToken)).visitorId).not.toBe(before.visitorId);
      expect((await read(site)).previousKeyUntil).toBeNull();
      expect(await withKey(site, rotated.body.key)).toBe(200);
      Object.assign(site, { key: rotated.body.key, signingSecret: rotated.body.signingSecret });
    }
  });

  it('an immediate rotation during a grace period revokes the kept key too', async () => {
    const site = await newSite();
    const second = (await rotate(site, { graceHours: 24 })).body;
    const third = (await rotate(site, { graceHours: 0 })).body;
    expect(await withKey(site, site.key)).toEqual(unknownKey);
    expect(await withKey(site, second.key)).toEqual(unknownKey);
    expect(await signedRating(site, second.signingSecret)).toBe('forbidden');
    expect(await withKey(site, third.key)).toBe(200);
    expect((await read(site)).previousKeyUntil).toBeNull();
  });

  it('refuses a grace period out of bounds, changing nothing', async () => {
    const site = await newSite();
    for (const body of [
      { graceHours: 169 },
      { graceHours: -1 },
      { graceHours: 1.5 },
      { graceHours: '24' },
      { graceHours: null },
      { graceHours: 24, keepOldKey: true },
      [24],
    ]) {
      const refused = await rotate(site, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error?.code).toBe('invalid');
    }
    expect(await withKey(site, site.key)).toBe(200);
    expect((await read(site)).previousKeyUntil).toBeNull();
    expect((await rotate(site, { graceHours: 168 })).status).toBe(200);
  });

  describe('who may rotate and revoke', () => {
    const signIn = async (email: string, password = DEMO_PASSWORD) => {
      const answer = await call('POST', '/api/v1/session', { body: { email, password } });
      expect(answer.status).toBe(200);
      return answer.cookie!;
    };

    /** Someone new, made an admin of `site` by its invite, and of no other site. */
    async function adminOf(site: Site) {
      const email = `admin-${++serial}@example.test`;
      const invite = await call<NewInviteView>('POST', `/api/v1/sites/${site.siteId}/invites`, {
        ...operator,
        body: { email, role: 'admin' },
      });
      expect(invite.status).toBe(201);
      const token = invite.body.link.split('#')[1];
      const joined = await call('POST', '/api/v1/invites/accept', {
        body: { token, name: 'Other Admin', password: 'a long enough password' },
      });
      expect(joined.status).toBe(201);
      return joined.cookie!;
    }

    /** The demo site, its key rotated with a grace period by the operator. */
    async function demoInGrace() {
      const demo = { siteId: 'demo', key: '', signingSecret: '' };
      const current = await rotate(demo);
      Object.assign(demo, current.body);
      const fresh = (await rotate(demo, { graceHours: 24 })).body;
      return { demo, fresh };
    }

    it('a member who is not an admin can neither rotate nor revoke', async () => {
      const { demo, fresh } = await demoInGrace();
      const before = await read(demo);
      // Anna supervises the site, Ben is an agent of it.
      for (const email of ['anna@demo.peakend.test', 'ben@demo.peakend.test']) {
        const cookie = await signIn(email);
        expect((await rotate(demo, { graceHours: 1 }, { cookie })).status).toBe(403);
        expect((await revoke(demo, { cookie })).status).toBe(403);
      }
      // Nor does a site key, old or new, nor nobody.
      for (const as of [{ token: demo.key }, { token: fresh.key }, {}]) {
        expect((await rotate(demo, undefined, as)).status).toBe(401);
        expect((await revoke(demo, as)).status).toBe(401);
      }
      expect(await read(demo)).toEqual(before);
      expect(await withKey(demo, demo.key)).toBe(200);
      expect(await withKey(demo, fresh.key)).toBe(200);
    });

    it("another site's admin cannot revoke this site's old key, nor rotate its key", async () => {
      const { demo, fresh } = await demoInGrace();
      const before = await read(demo);
      const other = await newSite();
      const otherAdmin = await adminOf(other);
      // Their own site is theirs to rotate and revoke.
      expect((await rotate(other, { graceHours: 1 }, { cookie: otherAdmin })).status).toBe(200);
      expect((await revoke(other, { cookie: otherAdmin })).status).toBe(200);
      // Demo's is not: refused, and its grace period runs on.
      expect((await revoke(demo, { cookie: otherAdmin })).status).toBe(403);
      expect((await rotate(demo, { graceHours: 0 }, { cookie: otherAdmin })).status).toBe(403);
      // Nor does the other site's key reach it.
      expect((await revoke(demo, { token: other.key })).status).toBe(401);
      expect(await read(demo)).toEqual(before);
      expect(await withKey(demo, demo.key)).toBe(200);
      expect(await withKey(demo, fresh.key)).toBe(200);
    });

    it("the site's admin may, but only from the console's own pages", async () => {
      const { demo, fresh } = await demoInGrace();
      const dana = await signIn('dana@demo.peakend.test');
      // A page elsewhere riding on her cookie is refused.
      const forged = await revoke(demo, { cookie: dana, origin: 'https://evil.example' });
      expect(forged.status).toBe(403);
      expect(await withKey(demo, demo.key)).toBe(200);
      const revoked = await revoke(demo, { cookie: dana });
      expect(revoked.status).toBe(200);
      expect(await withKey(demo, demo.key)).toEqual(unknownKey);
      expect(await withKey(demo, fresh.key)).toBe(200);
      const rotated = await rotate(demo, { graceHours: 1 }, { cookie: dana });
      expect(rotated.body.previousKeyUntil).toBe(iso(now + HOUR));
    });
  });
});
