/**
 * Accounts, roles and sessions over real HTTP and sockets: an admin invites people with a link
 * that works once, sets their roles and removes their access; one person holds roles on several
 * sites and switches between them; sessions are httpOnly cookies that expire and sign out, and a
 * console socket follows every change to who its person is.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteLookup, MemberView, NewInviteView } from '../../shared/accounts';
import type { SignedInAgent } from '../../shared/protocol';
import type { NewSiteView } from '../../shared/sites';
import { Sessions } from '../../server/auth/sessions';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed';
import { openSqliteStore } from '../../server/storage/sqlite';
import {
  agentSocket,
  call as callOn,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type CallOptions,
  type TestServer,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const HOUR = 3_600_000;

describe.each(await storeKinds())('accounts and roles (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let offset = 0;
  const now = () => Date.now() + offset;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock: { now } });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  const call = <T = Record<string, unknown>>(method: string, path: string, options?: CallOptions) =>
    callOn<T>(server, method, path, options);

  const signIn = async (email: string, password = DEMO_PASSWORD) => {
    const answer = await call<{ agent: SignedInAgent }>('POST', '/api/v1/session', {
      body: { email, password },
    });
    return { ...answer, cookie: answer.cookie! };
  };

  const socketOf = (cookie: string): AgentClient => {
    const socket = agentSocket(server.url, cookie);
    sockets.push(socket);
    return socket;
  };

  let dana: string; // the demo site's admin
  let invite: NewInviteView;
  let cleo: string; // invited as a supervisor
  let secondSite: NewSiteView;

  it('signs in with an httpOnly, SameSite cookie that expires, and lists the person’s sites', async () => {
    const signedIn = await signIn('dana@demo.peakend.test');
    expect(signedIn.status).toBe(200);
    expect(signedIn.setCookie).toMatch(/^peakend_session=[\w-]{43}; Max-Age=43200; Path=\/; /);
    expect(signedIn.setCookie).toMatch(/; HttpOnly/);
    expect(signedIn.setCookie).toMatch(/; SameSite=Lax/);
    // PUBLIC_URL is http here; over https the cookie is Secure (below).
    expect(signedIn.setCookie).not.toMatch(/Secure/);
    expect(signedIn.body.agent).toMatchObject({
      id: 'dana',
      role: 'admin',
      siteId: 'demo',
      sites: [{ siteId: 'demo', siteName: 'Northwind Outfitters (demo)', role: 'admin' }],
    });
    dana = signedIn.cookie;
  });

  it('invites someone with a link that shows what it offers and works once', async () => {
    const created = await call<NewInviteView>('POST', '/api/v1/sites/demo/invites', {
      cookie: dana,
      body: { email: ' Cleo@Example.test ', role: 'supervisor' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'cleo@example.test', role: 'supervisor' });
    expect(created.body.link).toMatch(
      new RegExp(`^${server.url}/console/join#[\\w-]{32}$`.replace(/\//g, '\\/')),
    );
    invite = created.body;
    const token = invite.link.split('#')[1]!;

    // Pending, without its link.
    const pending = await call<{ invites: Record<string, unknown>[] }>(
      'GET',
      '/api/v1/sites/demo/invites',
      { cookie: dana },
    );
    expect(pending.body.invites).toEqual([
      expect.objectContaining({ inviteId: invite.inviteId, email: 'cleo@example.test' }),
    ]);
    expect(pending.body.invites[0]).not.toHaveProperty('link');

    const lookup = await call<InviteLookup>('POST', '/api/v1/invites/lookup', { body: { token } });
    expect(lookup.body).toEqual({
      siteName: 'Northwind Outfitters (demo)',
      email: 'cleo@example.test',
      role: 'supervisor',
      accountExists: false,
      expiresAt: new Date(Date.parse(invite.createdAt) + 7 * 24 * HOUR).toISOString(),
    });

    const weak = await call('POST', '/api/v1/invites/accept', {
      body: { token, password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.issues?.map((i) => i.path)).toEqual(['name', 'password']);

    const joined = await call<{ agent: SignedInAgent }>('POST', '/api/v1/invites/accept', {
      body: { token, name: 'Cleo Martin', password: 'a long enough password' },
    });
    expect(joined.status).toBe(201);
    expect(joined.body.agent).toMatchObject({
      name: 'Cleo Martin',
      email: 'cleo@example.test',
      role: 'supervisor',
      siteId: 'demo',
    });
    expect(joined.setCookie).toMatch(/HttpOnly/);
    cleo = joined.cookie!;

    // Single use; and no longer pending.
    expect(
      (await call('POST', '/api/v1/invites/accept', { body: { token, password: 'x' } })).status,
    ).toBe(404);
    expect((await call('POST', '/api/v1/invites/lookup', { body: { token } })).status).toBe(404);
    expect(
      (await call<{ invites: unknown[] }>('GET', '/api/v1/sites/demo/invites', { cookie: dana }))
        .body.invites,
    ).toEqual([]);
    // And Cleo signs in with the password she chose.
    expect((await signIn('cleo@example.test', 'a long enough password')).status).toBe(200);
  });

  it('lets only the site’s admins manage its team, and the admin token', async () => {
    const anna = (await signIn('anna@demo.peakend.test')).cookie; // supervisor
    const ben = (await signIn('ben@demo.peakend.test')).cookie; // agent
    for (const cookie of [anna, ben, cleo]) {
      const refused = await call('GET', '/api/v1/sites/demo/members', { cookie });
      expect(refused).toMatchObject({
        status: 403,
        body: { error: { message: "Only the site's admins may do this." } },
      });
    }
    expect((await call('GET', '/api/v1/sites/demo/members')).status).toBe(401);
    const members = await call<{ members: MemberView[] }>('GET', '/api/v1/sites/demo/members', {
      token: TEST_ADMIN_TOKEN,
    });
    expect(members.body.members.map((m) => [m.name, m.role, m.hasAccess, m.you])).toEqual([
      ['Anna Jansen', 'supervisor', true, false],
      ['Ben Okafor', 'agent', true, false],
      ['Cleo Martin', 'supervisor', true, false],
      ['Dana Reyes', 'admin', true, false],
    ]);
    const mine = await call<{ members: MemberView[] }>('GET', '/api/v1/sites/demo/members', {
      cookie: dana,
    });
    expect(mine.body.members.find((m) => m.you)?.name).toBe('Dana Reyes');
  });

  it('refuses changes with a session from another site’s page', async () => {
    const foreign = await call('PATCH', '/api/v1/sites/demo', {
      cookie: dana,
      origin: 'https://shop.demo.peakend.test',
      body: { name: 'Hijacked' },
    });
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    // Not even a sign-out: another page must not end the agent's session behind their back.
    const signOut = await call('DELETE', '/api/v1/session', {
      cookie: dana,
      origin: 'https://shop.demo.peakend.test',
    });
    expect(signOut).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const own = await call('PATCH', '/api/v1/sites/demo', {
      cookie: dana,
      origin: server.url,
      body: { name: 'Northwind Outfitters (demo)' },
    });
    expect(own.status).toBe(200);

    // Nor may another site's page open the console's socket on the agent's cookie.
    const hijack: AgentClient = io(`${server.url}/agent`, {
      transports: ['websocket'],
      extraHeaders: { cookie: dana, origin: 'https://shop.demo.peakend.test' },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(hijack);
    expect((await next<Error>(hijack, 'connect_error')).message).toBe(
      'The console connects only from its own pages.',
    );
    const console = socketOf(dana);
    await next(console, 'connect');
  });

  it('changes a role, reconnecting the person’s console with it', async () => {
    const socket = socketOf(cleo);
    await next(socket, 'connect');
    // A supervisor may open Ben's breakdown…
    expect((await socket.emitWithAck('scores:breakdown', { agentId: 'ben' })).ok).toBe(true);
    const cleoId = data(await socket.emitWithAck('inbox:list', {})).agent.id;

    const dropped = next(socket, 'disconnect');
    const changed = await call<MemberView>('PATCH', `/api/v1/sites/demo/members/${cleoId}`, {
      cookie: dana,
      body: { role: 'agent' },
    });
    expect(changed.body).toMatchObject({ name: 'Cleo Martin', role: 'agent', hasAccess: true });
    expect(await dropped).toBe('io server disconnect');

    // …an agent may not: the reconnected console has the new role.
    socket.connect();
    await next(socket, 'connect');
    const refused = await socket.emitWithAck('scores:breakdown', { agentId: 'ben' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(data(await socket.emitWithAck('inbox:list', {})).agent.role).toBe('agent');
  });

  it('keeps an admin on every site', async () => {
    const answer = await call('PATCH', '/api/v1/sites/demo/members/dana', {
      cookie: dana,
      body: { role: 'supervisor' },
    });
    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect((await call('DELETE', '/api/v1/sites/demo/members/dana', { cookie: dana })).status).toBe(
      409,
    );
    expect(
      (
        await call('PATCH', '/api/v1/sites/demo/members/nobody', {
          cookie: dana,
          body: { role: 'agent' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call('PATCH', '/api/v1/sites/demo/members/ben', {
          cookie: dana,
          body: { role: 'owner' },
        })
      ).status,
    ).toBe(400);
  });

  it('gives one person roles on several sites, each only where it was given', async () => {
    const created = await call<NewSiteView>('POST', '/api/v1/sites', {
      cookie: dana,
      body: { name: 'Southwind Supplies', allowedOrigins: ['https://south.example'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^pk_/);
    secondSite = created.body;
    const s2 = secondSite.siteId;

    // Dana administers both; Ben is invited to the second as its admin, and accepts signed in.
    const listed = await call<{ sites: { siteId: string }[] }>('GET', '/api/v1/sites', {
      cookie: dana,
    });
    expect(listed.body.sites.map((s) => s.siteId).sort()).toEqual(['demo', s2].sort());
    const link = (
      await call<NewInviteView>('POST', `/api/v1/sites/${s2}/invites`, {
        cookie: dana,
        body: { email: 'ben@demo.peakend.test', role: 'admin' },
      })
    ).body.link;
    const token = link.split('#')[1]!;
    expect(
      (await call<InviteLookup>('POST', '/api/v1/invites/lookup', { body: { token } })).body
        .accountExists,
    ).toBe(true);
    // The link takes no password: Ben signs in as usual, then accepts with his session.
    expect(
      (await call('POST', '/api/v1/invites/accept', { body: { token, password: DEMO_PASSWORD } }))
        .status,
    ).toBe(401);
    const ben = (await signIn('ben@demo.peakend.test')).cookie;
    const joined = await call<{ agent: SignedInAgent }>('POST', '/api/v1/invites/accept', {
      cookie: ben,
      body: { token },
    });
    expect(joined.status).toBe(201);
    expect(joined.setCookie).toBeNull();
    expect(joined.body.agent).toMatchObject({ siteId: s2, role: 'admin', name: 'Ben Okafor' });
    expect(joined.body.agent.sites.map((s) => [s.siteId, s.role])).toEqual([
      ['demo', 'agent'],
      [s2, 'admin'],
    ]);

    // Admin of the second site, agent of the demo: each role stays on its own site.
    expect((await call('GET', `/api/v1/sites/${s2}`, { cookie: ben })).status).toBe(200);
    expect((await call('GET', '/api/v1/sites/demo', { cookie: ben })).status).toBe(403);
    expect((await call('GET', `/api/v1/sites/${s2}/scores`, { cookie: ben })).status).toBe(200);
    expect((await call('GET', '/api/v1/sites/demo/scores', { cookie: ben })).status).toBe(403);
    // Someone of the demo site only learns nothing of the second, not even whether it exists.
    const anna = (await signIn('anna@demo.peakend.test')).cookie;
    const foreign = await call('GET', `/api/v1/sites/${s2}`, { cookie: anna });
    const missing = await call('GET', '/api/v1/sites/site_nothere', { cookie: anna });
    expect(foreign).toMatchObject({ status: 403 });
    expect(missing.body).toEqual(foreign.body);
    expect(
      (
        await call('POST', '/api/v1/sites', {
          cookie: anna,
          body: { name: 'x', allowedOrigins: [] },
        })
      ).status,
    ).toBe(403);

    // The console shows one site at a time; switching moves the socket with it.
    const socket = socketOf(ben);
    await next(socket, 'connect');
    expect(data(await socket.emitWithAck('inbox:list', {})).agent.siteId).toBe(s2);
    const dropped = next(socket, 'disconnect');
    const switched = await call<{ agent: SignedInAgent }>('PATCH', '/api/v1/session', {
      cookie: ben,
      body: { siteId: 'demo' },
    });
    expect(switched.body.agent).toMatchObject({ siteId: 'demo', role: 'agent' });
    await dropped;
    socket.connect();
    await next(socket, 'connect');
    expect(data(await socket.emitWithAck('inbox:list', {})).agent).toMatchObject({
      siteId: 'demo',
      role: 'agent',
    });
    expect(
      (await call('PATCH', '/api/v1/session', { cookie: anna, body: { siteId: s2 } })).status,
    ).toBe(403);
  });

  it('invites an agent the site scores already, who keeps their scores', async () => {
    const s2 = secondSite.siteId;
    const events = await call('POST', `/api/v1/sites/${s2}/events`, {
      token: secondSite.key,
      body: {
        events: [
          {
            id: 'e1',
            type: 'conversation.assigned',
            conversationId: 'c1',
            at: new Date(now()).toISOString(),
            agentId: 'zd-9',
          },
        ],
      },
    });
    expect(events.status).toBe(200);
    const link = (
      await call<NewInviteView>('POST', `/api/v1/sites/${s2}/invites`, {
        cookie: dana,
        body: { email: 'zed@example.test', role: 'agent', agentId: 'zd-9' },
      })
    ).body.link;
    const joined = await call<{ agent: SignedInAgent }>('POST', '/api/v1/invites/accept', {
      body: { token: link.split('#')[1], name: 'Zed Ortiz', password: 'zed’s long password' },
    });
    expect(joined.body.agent).toMatchObject({ id: 'zd-9', name: 'Zed Ortiz', siteId: s2 });
    const again = await call('POST', `/api/v1/sites/${s2}/invites`, {
      cookie: dana,
      body: { email: 'other@example.test', role: 'agent', agentId: 'zd-9' },
    });
    expect(again.status).toBe(409);
  });

  it('removes access: the console disconnects, the agent and their scores stay', async () => {
    const cleoId = (
      await call<{ agent: SignedInAgent }>('GET', '/api/v1/session', { cookie: cleo })
    ).body.agent.id;
    const socket = socketOf(cleo);
    await next(socket, 'connect');
    const dropped = next(socket, 'disconnect');
    expect(
      (await call('DELETE', `/api/v1/sites/demo/members/${cleoId}`, { cookie: dana })).status,
    ).toBe(204);
    await dropped;
    socket.connect();
    expect((await next<Error>(socket, 'connect_error')).message).toBe('unauthorized');

    expect((await call('GET', '/api/v1/session', { cookie: cleo })).status).toBe(401);
    const again = await call('POST', '/api/v1/session', {
      body: { email: 'cleo@example.test', password: 'a long enough password' },
    });
    expect(again).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const members = await call<{ members: MemberView[] }>('GET', '/api/v1/sites/demo/members', {
      cookie: dana,
    });
    expect(members.body.members.find((m) => m.agentId === cleoId)).toMatchObject({
      name: 'Cleo Martin',
      email: null,
      hasAccess: false,
    });
  });

  it('revokes an invite', async () => {
    const created = await call<NewInviteView>('POST', '/api/v1/sites/demo/invites', {
      cookie: dana,
      body: { email: 'late@example.test', role: 'agent' },
    });
    const path = `/api/v1/sites/demo/invites/${created.body.inviteId}`;
    expect((await call('DELETE', path, { cookie: dana })).status).toBe(204);
    expect((await call('DELETE', path, { cookie: dana })).status).toBe(404);
    const token = created.body.link.split('#')[1];
    expect((await call('POST', '/api/v1/invites/lookup', { body: { token } })).status).toBe(404);
  });

  it('signs out: the session ends, its console socket too', async () => {
    const { cookie } = await signIn('anna@demo.peakend.test');
    const socket = socketOf(cookie);
    await next(socket, 'connect');
    const dropped = next(socket, 'disconnect');
    const out = await call('DELETE', '/api/v1/session', { cookie });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^peakend_session=; Max-Age=0;/);
    await dropped;
    expect((await call('GET', '/api/v1/session', { cookie })).status).toBe(401);
    socket.connect();
    expect((await next<Error>(socket, 'connect_error')).message).toBe('unauthorized');
  });

  it('ends a session 12 hours after sign-in', async () => {
    const { cookie } = await signIn('anna@demo.peakend.test');
    offset = 12 * HOUR - 60_000;
    expect((await call('GET', '/api/v1/session', { cookie })).status).toBe(200);
    offset = 12 * HOUR;
    expect((await call('GET', '/api/v1/session', { cookie })).status).toBe(401);
    const socket = socketOf(cookie);
    expect((await next<Error>(socket, 'connect_error')).message).toBe('unauthorized');
    offset = 0;
  });

  it(`marks the cookie Secure and __Host- when the console is served over https`, async () => {
    if (kind !== 'sqlite') return;
    const store = await openSqliteStore(':memory:');
    await seedDemo(store, { now: Date.now }, 'https://chat.example');
    const secure = new Sessions(store, { now: Date.now }, true);
    const signedIn = await secure.signIn('anna@demo.peakend.test', DEMO_PASSWORD);
    expect(signedIn?.kind === 'signed-in' && signedIn.cookie).toMatch(
      /^__Host-peakend_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(await secure.signOut(undefined)).toMatch(
      /^__Host-peakend_session=; Max-Age=0; Path=\/;.*Secure/,
    );
    await store.close();
  });
});
