/**
 * Chats waiting on a person's other sites, against a real server on both stores: a console
 * showing site A of someone also on B hears how many chats wait on B, and again when that moves;
 * someone on A only learns nothing of B, whatever they send; and someone removed from B stops
 * hearing of it at once (their consoles reconnect without it).
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInAgent } from '../../shared/protocol';
import { ZSiteWaiting, ZSitesWaiting, type SiteWaiting } from '../../shared/waiting';
import { hashPassword } from '../../server/auth/passwords';
import {
  agentSocket,
  call,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  until,
  type AgentClient,
  type TestServer,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const PASSWORD = 'a long enough password';

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

describe.each(await storeKinds())('chats waiting on other sites (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  const store = () => server.application.store;

  const newSite = async (name: string) => {
    const created = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name, allowedOrigins: [] },
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  /** One account, a member of each site given (with the role given there). */
  const person = async (name: string, memberships: { siteId: string; role: string }[]) => {
    const email = `${unique(name.toLowerCase())}@example.test`;
    const accountId = unique('acct');
    await store().createAccount(
      { id: accountId, email, name, createdAt: Date.now() },
      await hashPassword(PASSWORD),
    );
    const agentIds: Record<string, string> = {};
    for (const { siteId, role } of memberships) {
      const id = unique(name.toLowerCase());
      agentIds[siteId] = id;
      await store().saveAgent({
        siteId,
        id,
        name,
        role: role as 'agent' | 'supervisor' | 'admin',
        accountId,
        email,
        createdAt: Date.now(),
      });
    }
    return { email, agentIds };
  };

  /** Signed in, the session showing `siteId`; its console connected. */
  const consoleOf = async (email: string, siteId: string) => {
    const signedIn = await call(server, 'POST', '/api/v1/session', {
      body: { email, password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.cookie!;
    const shown = await call(server, 'PATCH', '/api/v1/session', { cookie, body: { siteId } });
    expect(shown.status).toBe(200);
    const socket = agentSocket(server.url, cookie);
    sockets.push(socket);
    /** Everything the socket ever heard, as sent. */
    const heard: string[] = [];
    (socket as unknown as Socket).onAny((event: string, ...args: unknown[]) =>
      heard.push(JSON.stringify([event, ...args])),
    );
    await next(socket, 'connect');
    return { socket, cookie, heard };
  };

  const counts = async (socket: AgentClient) =>
    ZSitesWaiting.parse(data(await socket.emitWithAck('sites:waiting', {}))).sites;

  const countOf = (siteId: string, waiting: number) => (count: SiteWaiting) =>
    ZSiteWaiting.parse(count).siteId === siteId && count.waiting === waiting;

  /** A visitor's message on the site (through its events API): a chat that waits. */
  const visitorWrites = async (site: { siteId: string; key: string }, conversationId: string) => {
    const at = new Date().toISOString();
    const sent = await call(server, 'POST', `/api/v1/sites/${site.siteId}/events`, {
      token: site.key,
      body: {
        events: [
          { id: unique('e'), type: 'conversation.opened', conversationId, at },
          { id: unique('e'), type: 'message', conversationId, at, from: 'visitor', text: 'Hi?' },
        ],
      },
    });
    expect(sent.status).toBe(200);
  };

  const agentAnswers = async (site: { siteId: string; key: string }, conversationId: string) => {
    const sent = await call(server, 'POST', `/api/v1/sites/${site.siteId}/events`, {
      token: site.key,
      body: {
        events: [
          {
            id: unique('e'),
            type: 'message',
            conversationId,
            at: new Date().toISOString(),
            from: 'agent',
            agentId: 'helpdesk-1',
            text: 'Hello!',
          },
        ],
      },
    });
    expect(sent.status).toBe(200);
  };

  it('tells a console showing A how many chats wait on B, and again as they come and go', async () => {
    const a = await newSite('Kestrel Shop');
    const b = await newSite('Heron Books');
    await visitorWrites(b, 'early');
    const mia = await person('Mia', [
      { siteId: a.siteId, role: 'agent' },
      { siteId: b.siteId, role: 'supervisor' },
    ]);
    const { socket } = await consoleOf(mia.email, a.siteId);
    const [first, ...more] = await counts(socket);
    expect(more).toEqual([]);
    expect(first).toMatchObject({ siteId: b.siteId, waiting: 1 });

    // A new chat on B: counted and pushed.
    const two = until(socket, 'site:waiting', countOf(b.siteId, 2));
    await visitorWrites(b, 'new-chat');
    const pushed = await two;
    expect(Object.keys(pushed).sort()).toEqual(['seq', 'siteId', 'waiting']);
    expect(pushed.seq).toBeGreaterThan(first!.seq);

    // Answered, it waits no more.
    const one = until(socket, 'site:waiting', countOf(b.siteId, 1));
    await agentAnswers(b, 'new-chat');
    await one;
    expect(await counts(socket)).toEqual([
      { siteId: b.siteId, waiting: 1, seq: expect.any(Number) },
    ]);

    // A second console of hers, showing B, hears of A (her other site) and nothing of B's own.
    const onB = await consoleOf(mia.email, b.siteId);
    expect(await counts(onB.socket)).toEqual([
      { siteId: a.siteId, waiting: 0, seq: expect.any(Number) },
    ]);
  });

  it('tells someone on A only nothing of B, not even that it exists, whatever they send', async () => {
    const a = await newSite('Kestrel Shop');
    const b = await newSite('Heron Books');
    const mia = await person('Mia', [
      { siteId: a.siteId, role: 'agent' },
      { siteId: b.siteId, role: 'agent' },
    ]);
    const otto = await person('Otto', [{ siteId: a.siteId, role: 'admin' }]);
    const miaOnA = await consoleOf(mia.email, a.siteId);
    const ottoOnA = await consoleOf(otto.email, a.siteId);
    expect(await counts(ottoOnA.socket)).toEqual([]);

    // Crafted requests naming B answer exactly as those naming no site at all.
    const named = await ottoOnA.socket.emitWithAck('sites:waiting', {
      siteId: b.siteId,
    } as never);
    const unknown = await ottoOnA.socket.emitWithAck('sites:waiting', {
      siteId: 'site_nothere',
    } as never);
    expect(named).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(named).toEqual(unknown);
    const plain = ottoOnA.socket as unknown as Socket;
    expect(await plain.emitWithAck('sites:waiting', [b.siteId])).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });

    // A chat on B: Mia hears of it; by the time Otto's socket answers after that, he has heard
    // nothing of B (a push to him would have been sent with hers, before this answer).
    const heardByMia = until(miaOnA.socket, 'site:waiting', countOf(b.siteId, 1));
    await visitorWrites(b, 'on-b');
    await heardByMia;
    expect(await counts(ottoOnA.socket)).toEqual([]);
    expect(ottoOnA.heard.filter((event) => event.includes(b.siteId))).toEqual([]);
    expect(ottoOnA.heard.filter((event) => event.startsWith('["site:waiting"'))).toEqual([]);
    const { agent } = data(await ottoOnA.socket.emitWithAck('inbox:list', {}));
    expect(agent.sites.map((site) => site.siteId)).toEqual([a.siteId]);
  });

  it('stops telling someone removed from B at once: their console on A reconnects without it', async () => {
    const a = await newSite('Kestrel Shop');
    const b = await newSite('Heron Books');
    const mia = await person('Mia', [
      { siteId: a.siteId, role: 'agent' },
      { siteId: b.siteId, role: 'agent' },
    ]);
    const miaOnA = await consoleOf(mia.email, a.siteId);
    expect((await counts(miaOnA.socket)).map((count) => count.siteId)).toEqual([b.siteId]);

    const dropped = next(miaOnA.socket, 'disconnect');
    const removed = await call(
      server,
      'DELETE',
      `/api/v1/sites/${b.siteId}/members/${mia.agentIds[b.siteId]}`,
      { token: TEST_ADMIN_TOKEN },
    );
    expect(removed.status).toBe(204);
    await dropped;
    const heardBefore = miaOnA.heard.length;
    miaOnA.socket.connect();
    await next(miaOnA.socket, 'connect');
    expect(await counts(miaOnA.socket)).toEqual([]);
    const { agent } = data(await miaOnA.socket.emitWithAck('inbox:list', {}));
    expect(agent.sites.map((site: SignedInAgent['sites'][number]) => site.siteId)).toEqual([
      a.siteId,
    ]);

    // A chat on B now reaches a member still on B, and not her.
    const still = await person('Ned', [
      { siteId: a.siteId, role: 'agent' },
      { siteId: b.siteId, role: 'agent' },
    ]);
    const nedOnA = await consoleOf(still.email, a.siteId);
    const heardByNed = until(nedOnA.socket, 'site:waiting', countOf(b.siteId, 1));
    await visitorWrites(b, 'after-removal');
    await heardByNed;
    expect(await counts(miaOnA.socket)).toEqual([]);
    expect(miaOnA.heard.slice(heardBefore).filter((event) => event.includes(b.siteId))).toEqual([]);
  });
});
