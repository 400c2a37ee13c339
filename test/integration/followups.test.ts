/**
 * The follow-up queue over real HTTP and sockets: items reach a supervisor's console live, the
 * API lists and changes them for the site key or a supervisor, and each attack on them fails
 * (an agent dismissing, touching or reading others' items; another site's key or supervisor; a
 * visitor socket; an amendment undoing an item someone already acted on).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowupPage, FollowupView } from '../../shared/followups';
import { MINUTE } from '../../shared/time';
import { hashPassword } from '../../server/auth/passwords';
import { sha256 } from '../../server/auth/tokens';
import {
  call,
  connectAgent,
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  until,
  type AgentClient,
  type TestServer,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const DEMO_KEY = 'demo-site-key-for-followups-0123456789';
const OTHER_PASSWORD = 'other-site-password-1';

describe.each(await storeKinds())('the follow-up queue (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let anna: AgentClient; // supervisor
  let ben: AgentClient; // agent
  let otherKey: string;
  let otherCookie: string;
  let conversations = 0;

  /** A conversation `agent` answered and closed, rated `end`, sent through the events API. */
  async function rated(agent: string, end: number) {
    conversations += 1;
    const id = `fu-${kind}-${conversations}`;
    const at = (minutes: number) => new Date(Date.now() - 60 * MINUTE + minutes * MINUTE);
    const events = [
      { type: 'message', from: 'visitor', text: 'Where is my parcel?' },
      { type: 'message', from: 'agent', agentId: agent, text: 'Looking' },
      { type: 'conversation.closed', agentId: agent },
      { type: 'rating', end, comment: 'Too slow' },
    ].map((event, i) => ({ id: `${id}-${i}`, conversationId: id, at: at(i), ...event }));
    const sent = await call(server, 'POST', '/api/v1/sites/demo/events', {
      token: DEMO_KEY,
      body: { events },
    });
    expect(sent.status).toBe(200);
    return { id, amend: (to: number) => amend(id, to, at(4)) };
  }

  async function amend(conversationId: string, end: number, at: Date) {
    const sent = await call(server, 'POST', '/api/v1/sites/demo/events', {
      token: DEMO_KEY,
      body: {
        events: [{ id: `${conversationId}-amend-${end}`, conversationId, at, type: 'rating', end }],
      },
    });
    expect(sent.status).toBe(200);
  }

  const list = async (query = '', token = DEMO_KEY) =>
    call<FollowupPage>(server, 'GET', `/api/v1/sites/demo/followups${query}`, { token });

  const itemOf = async (conversationId: string) => {
    const { body } = await list();
    const item = body.items.find((i) => i.conversationId === conversationId);
    if (!item) throw new Error(`no item for ${conversationId}`);
    return item;
  };

  const patch = (id: string, body: unknown, token = DEMO_KEY) =>
    call<FollowupView>(server, 'PATCH', `/api/v1/sites/demo/followups/${id}`, { token, body });

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    const { store, pipeline } = server.application;
    // A key of the test's own, as a rotation sets it.
    await pipeline.rotateKey('demo', sha256(DEMO_KEY), null);

    // Another site, with its own key and its own supervisor.
    const other = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Elsewhere', allowedOrigins: ['https://elsewhere.example'] },
    });
    expect(other.status).toBe(201);
    otherKey = other.body.key;
    const account = {
      id: `acct_other_${kind}`,
      email: 'olga@elsewhere.test',
      name: 'Olga',
      createdAt: Date.now(),
    };
    await store.createAccount(account, await hashPassword(OTHER_PASSWORD));
    await store.saveAgent({
      siteId: other.body.siteId,
      id: 'olga',
      name: 'Olga',
      role: 'supervisor',
      accountId: account.id,
      email: account.email,
      createdAt: Date.now(),
    });
    const signedIn = await call(server, 'POST', '/api/v1/session', {
      body: { email: account.email, password: OTHER_PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    otherCookie = signedIn.cookie!;

    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    ben = await connectAgent(server.url, 'ben@demo.peakend.test');
    await next(ben, 'connect');
  });

  afterAll(async () => {
    anna?.disconnect();
    ben?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  it('reaches the supervisor’s console live, with the count of new items', async () => {
    const before = data(await anna.emitWithAck('followups:list', {}));
    const pushed = until<{ ids: string[] }>(anna, 'followups:changed', () => true);
    const { id } = await rated('ben', 1);
    const { ids } = await pushed;
    const queue = data(await anna.emitWithAck('followups:list', {}));
    expect(queue.newCount).toBe(before.newCount + 1);
    expect(queue.items[0]).toMatchObject({
      id: ids[0],
      conversationId: id,
      cause: 'rating',
      agent: { id: 'ben', name: 'Ben Okafor' },
      rating: { end: 1, comment: 'Too slow', unhandled: false },
      status: 'new',
    });
  });

  it('lists for the site key by status and agent, a page at a time; bad filters are named', async () => {
    await rated('anna', 2);
    await rated('ben', 2);
    await rated('ben', 5); // no item
    const all = (await list()).body.items;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const bens = (await list('?agent=ben')).body.items;
    expect(bens.length).toBeGreaterThan(0);
    expect(bens.every((item) => item.agent?.id === 'ben')).toBe(true);

    const first = await list('?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await list(`?limit=1&cursor=${first.body.next}`);
    expect(second.body.items[0]?.id).toBe(all[1]?.id);

    const bad = await list('?status=lost&from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.issues?.map((i) => i.path).sort()).toEqual(['from', 'status']);
    expect((await list('?cursor=nonsense')).status).toBe(400);
  });

  it('changes an item with the site key: contacted with a note, then dismissed with a reason', async () => {
    const { id } = await rated('anna', 1);
    const item = await itemOf(id);
    const contacted = await patch(item.id, { status: 'contacted', note: 'Called, left a message' });
    expect(contacted.status).toBe(200);
    expect(contacted.body).toMatchObject({
      status: 'contacted',
      notes: [{ by: null, text: 'Called, left a message' }],
    });
    const noReason = await patch(item.id, { status: 'dismissed' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.issues?.[0]?.path).toBe('reason');
    const dismissed = await patch(item.id, { status: 'dismissed', reason: 'Test order' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', reason: 'Test order' });
    // Final: it does not come back.
    expect((await patch(item.id, { status: 'contacted' })).status).toBe(409);
    expect((await patch(item.id, { colour: 'red' })).status).toBe(400);
  });

  it('lets an agent mark their own item contacted and resolved, and take it', async () => {
    const { id } = await rated('ben', 1);
    const item = await itemOf(id);
    const taken = data(
      await ben.emitWithAck('followup:update', { id: item.id, change: { owner: 'ben' } }),
    );
    expect(taken.owner).toEqual({ id: 'ben', name: 'Ben Okafor' });
    data(
      await ben.emitWithAck('followup:update', { id: item.id, change: { status: 'contacted' } }),
    );
    const resolved = data(
      await ben.emitWithAck('followup:update', {
        id: item.id,
        change: { status: 'resolved', note: 'Refund sent' },
      }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', notes: [{ by: { id: 'ben' } }] });
  });

  it('lets a supervisor assign an item to a member, and only to a member', async () => {
    const { id } = await rated('anna', 1);
    const item = await itemOf(id);
    const pushed = until<{ ids: string[] }>(ben, 'followups:changed', (p) =>
      p.ids.includes(item.id),
    );
    const assigned = data(
      await anna.emitWithAck('followup:update', { id: item.id, change: { owner: 'ben' } }),
    );
    expect(assigned.owner?.id).toBe('ben');
    await pushed; // Ben's console hears of the item he now owns
    const bens = data(await ben.emitWithAck('followups:list', {}));
    expect(bens.items.map((i) => i.id)).toContain(item.id);
    const stranger = await anna.emitWithAck('followup:update', {
      id: item.id,
      change: { owner: 'nobody' },
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  describe('attacks', () => {
    it('an agent cannot dismiss, not even their own item', async () => {
      const { id } = await rated('ben', 1);
      const item = await itemOf(id);
      const answer = await ben.emitWithAck('followup:update', {
        id: item.id,
        change: { status: 'dismissed', reason: 'Not my fault' },
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await itemOf(id)).status).toBe('new');
    });

    it('an agent cannot change another agent’s item, nor give their own away', async () => {
      const { id } = await rated('anna', 1);
      const annas = await itemOf(id);
      for (const change of [{ status: 'resolved' as const }, { note: 'x' }, { owner: 'ben' }]) {
        const answer = await ben.emitWithAck('followup:update', { id: annas.id, change });
        expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
      }
      expect(await itemOf(id)).toMatchObject({ status: 'new', owner: null, notes: [] });

      const own = await itemOf((await rated('ben', 1)).id);
      const giveAway = await ben.emitWithAck('followup:update', {
        id: own.id,
        change: { owner: 'anna' },
      });
      expect(giveAway).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('an agent reads only their own items, in the console and not through the API', async () => {
      await rated('anna', 1);
      const queue = data(await ben.emitWithAck('followups:list', {}));
      expect(queue.items.length).toBeGreaterThan(0);
      expect(queue.items.every((i) => i.agent?.id === 'ben' || i.owner?.id === 'ben')).toBe(true);
      const asked = data(await ben.emitWithAck('followups:list', { agent: 'anna' }));
      expect(asked.items.every((i) => i.owner?.id === 'ben')).toBe(true);

      const signedIn = await call(server, 'POST', '/api/v1/session', {
        body: { email: 'ben@demo.peakend.test', password: 'peakend-demo' },
      });
      const viaApi = await call(server, 'GET', '/api/v1/sites/demo/followups', {
        cookie: signedIn.cookie,
      });
      expect(viaApi.status).toBe(403);
    });

    it('another site’s key or supervisor can neither read nor change this site’s items', async () => {
      const { id } = await rated('anna', 1);
      const item = await itemOf(id);
      expect((await list('', otherKey)).status).toBe(403);
      expect((await patch(item.id, { status: 'resolved' }, otherKey)).status).toBe(403);
      const read = await call(server, 'GET', '/api/v1/sites/demo/followups', {
        cookie: otherCookie,
      });
      expect(read.status).toBe(403);
      const changed = await call(server, 'PATCH', `/api/v1/sites/demo/followups/${item.id}`, {
        cookie: otherCookie,
        origin: server.url,
        body: { status: 'resolved' },
      });
      expect(changed.status).toBe(403);
      expect((await list('')).status).toBe(200);
      expect((await call(server, 'GET', '/api/v1/sites/demo/followups')).status).toBe(401);
      expect((await itemOf(id)).status).toBe('new');
    });

    it('a visitor socket gets no items', async () => {
      const visitor = connectVisitor(server.url, { siteId: 'demo' });
      try {
        await next(visitor, 'connect');
        let answered = false;
        const socket = visitor as unknown as {
          emit: (event: string, payload: unknown, ack: () => void) => void;
        };
        socket.emit('followups:list', {}, () => (answered = true));
        socket.emit('followup:update', { id: 'x', change: { status: 'resolved' } }, () => {
          answered = true;
        });
        // Events are handled in order: once hello is answered, the two before it were handled.
        data(await visitor.emitWithAck('hello', {}));
        expect(answered).toBe(false);
      } finally {
        visitor.disconnect();
      }
    });

    it('an amendment cannot withdraw an item someone already contacted the visitor about', async () => {
      const contacted = await rated('ben', 1);
      const untouched = await rated('ben', 1);
      const item = await itemOf(contacted.id);
      expect((await patch(item.id, { status: 'contacted' })).status).toBe(200);
      await contacted.amend(5);
      await untouched.amend(5);
      expect((await itemOf(contacted.id)).status).toBe('contacted');
      const ids = (await list()).body.items.map((i) => i.conversationId);
      expect(ids).not.toContain(untouched.id);
    });
  });

  it('shows how to reach a known visitor, from the opening of their conversation', async () => {
    // From a helpdesk: the opening names the customer.
    const at = new Date(Date.now() - 30 * MINUTE);
    const id = `fu-${kind}-contact`;
    const sent = await call(server, 'POST', '/api/v1/sites/demo/events', {
      token: DEMO_KEY,
      body: {
        events: [
          { type: 'conversation.opened', contact: { email: 'Kim@Example.test', name: 'Kim' } },
          { type: 'message', from: 'visitor', text: 'Broken again' },
          { type: 'message', from: 'agent', agentId: 'ben', text: 'Sorry' },
          { type: 'conversation.closed', agentId: 'ben' },
          { type: 'rating', end: 1 },
        ].map((event, i) => ({ id: `${id}-${i}`, conversationId: id, at, ...event })),
      },
    });
    expect(sent.status).toBe(200);
    expect((await itemOf(id)).contact).toEqual({ email: 'kim@example.test', name: 'Kim' });
    // Nobody said who the visitor of an ordinary conversation is.
    const { id: anonymous } = await rated('ben', 1);
    expect((await itemOf(anonymous)).contact).toBeNull();

    // From the widget: a signed-in user of the site, with the email the page gave.
    const { signingSecret } = (
      await call<{ signingSecret: string }>(server, 'GET', '/api/v1/sites/demo', {
        token: TEST_ADMIN_TOKEN,
      })
    ).body;
    const userHash = createHmac('sha256', signingSecret).update('user:customer-7').digest('hex');
    const visitor = connectVisitor(server.url, {
      siteId: 'demo',
      userId: 'customer-7',
      userHash,
      email: 'lee@example.test',
    });
    try {
      await next(visitor, 'connect');
      const { id: chat } = data(await visitor.emitWithAck('message:send', { text: 'Hello?' }));
      data(await ben.emitWithAck('message:send', { conversationId: chat, text: 'Hi Lee' }));
      data(await ben.emitWithAck('conversation:close', { conversationId: chat }));
      data(await visitor.emitWithAck('rating:save', { conversationId: chat, key: 'k', end: 2 }));
      expect((await itemOf(chat)).contact).toEqual({ email: 'lee@example.test' });
    } finally {
      visitor.disconnect();
    }
  });

  it('records the address a visitor agreed to be contacted at, in the rating card', async () => {
    const visitor = connectVisitor(server.url, { siteId: 'demo' });
    try {
      await next(visitor, 'connect');
      const { id: chat } = data(await visitor.emitWithAck('message:send', { text: 'Hello?' }));
      data(await ben.emitWithAck('message:send', { conversationId: chat, text: 'Hi' }));
      data(await ben.emitWithAck('conversation:close', { conversationId: chat }));
      // A mistyped address is refused with what is wrong; the steps before it stay.
      data(await visitor.emitWithAck('rating:save', { conversationId: chat, key: 'k1', end: 1 }));
      const typo = await visitor.emitWithAck('rating:save', {
        conversationId: chat,
        key: 'k2',
        end: 1,
        contact: { email: 'sam@' },
      });
      expect(typo).toMatchObject({ ok: false, error: { code: 'invalid' } });
      expect(JSON.stringify(typo)).toContain('contact.email');
      expect((await itemOf(chat)).contact).toBeNull();

      data(
        await visitor.emitWithAck('rating:save', {
          conversationId: chat,
          key: 'k3',
          end: 1,
          comment: 'Nobody knew',
          contact: { email: ' Sam@Example.test ' },
        }),
      );
      const item = await itemOf(chat);
      expect(item.contact).toEqual({ email: 'sam@example.test', consentedAt: expect.any(String) });
      // The console's conversation says so too.
      const view = data(await anna.emitWithAck('conversation:get', { conversationId: chat }));
      expect(view.contact).toEqual(item.contact);
    } finally {
      visitor.disconnect();
    }
  });
});
