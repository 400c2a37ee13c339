/**
 * Away mode (decisions.md, presence): a visitor learns from `hello` whether a member of the site
 * has the console open, and is told live when that changes; outside the site's opening hours
 * the answer says when it opens again. A message left while away carries the visitor's email,
 * recorded as the conversation's contact. Another site's visitors hear nothing of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConversationView, SitePresence } from '../../shared/protocol';
import {
  call,
  connectAgent,
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  until,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

/** A Monday, 21:00 in Amsterdam: after hours. */
const MONDAY_EVENING = Date.parse('2026-11-30T20:00:00.000Z');
/** Tuesday 09:00 in Amsterdam. */
const TUESDAY_OPENING = '2026-12-01T08:00:00.000Z';
const OFFICE = { from: '09:00', to: '17:00' };

describe.each(await storeKinds())('away mode (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  const visitors: VisitorClient[] = [];
  let otherSite: string;

  const visitor = async (siteId = 'demo') => {
    const socket = connectVisitor(server.url, { siteId }, { extraHeaders: { origin: server.url } });
    visitors.push(socket);
    await next(socket, 'connect');
    return socket;
  };

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    const started = Date.now();
    // Time runs from Monday evening, so the site is closed whatever the wall clock says.
    server = await startServer({
      storage,
      clock: { now: () => MONDAY_EVENING + (Date.now() - started) },
    });
    const hours = await call(server, 'PATCH', '/api/v1/sites/demo', {
      token: TEST_ADMIN_TOKEN,
      body: {
        settings: {
          timeZone: 'Europe/Amsterdam',
          openingHours: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, null, null],
        },
      },
    });
    expect(hours.status).toBe(200);
    const other = await call<{ siteId: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Elsewhere', allowedOrigins: [server.url] },
    });
    expect(other.status).toBe(201);
    otherSite = other.body.siteId;
  });

  afterAll(async () => {
    visitors.forEach((v) => v.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  it('says no one is there, and when the site opens, until a member opens the console', async () => {
    const ada = await visitor();
    expect(data(await ada.emitWithAck('hello', {})).presence).toEqual({
      online: false,
      backAt: TUESDAY_OPENING,
    });
    const elsewhere = await visitor(otherSite);
    const heardElsewhere: SitePresence[] = [];
    elsewhere.on('presence', (p) => heardElsewhere.push(p));

    // Ben opens the console: Ada is told at once, and a new visitor's hello says so.
    const online = until<SitePresence>(ada, 'presence', (p) => p.online);
    const ben = await connectAgent(server.url, 'ben@demo.peakend.test');
    await next(ben, 'connect');
    expect(await online).toEqual({ online: true, backAt: null });
    const bob = await visitor();
    expect(data(await bob.emitWithAck('hello', {})).presence).toEqual({
      online: true,
      backAt: null,
    });

    // A second console of the team, then Ben leaves: still someone there.
    const anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    const stillOnline = until<SitePresence>(ada, 'presence', (p) => p.online);
    ben.disconnect();
    await stillOnline;

    // The last one leaves: away again, back on Tuesday morning.
    const away = until<SitePresence>(ada, 'presence', (p) => !p.online);
    anna.disconnect();
    expect(await away).toEqual({ online: false, backAt: TUESDAY_OPENING });

    // The other site's visitor heard none of it (and its hello has no opening hours).
    expect(heardElsewhere).toEqual([]);
    expect(data(await elsewhere.emitWithAck('hello', {})).presence).toEqual({
      online: false,
      backAt: null,
    });
  });

  it("records the email a visitor leaves while away as the conversation's contact", async () => {
    const cleo = await visitor();
    data(await cleo.emitWithAck('hello', {}));

    // A malformed address is refused, and nothing is stored.
    const refused = await cleo.emitWithAck('message:send', {
      text: 'Do you ship to Norway?',
      contact: { email: 'cleo@' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(data(await cleo.emitWithAck('hello', {})).conversation).toBeNull();

    const opened = data(
      await cleo.emitWithAck('message:send', {
        text: 'Do you ship to Norway?',
        contact: { email: ' Cleo@Example.com ' },
      }),
    );

    // It waits in the console as an ordinary conversation, with the way to answer.
    const anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
    const inbox = data(await anna.emitWithAck('inbox:list', {}));
    const listed = inbox.conversations.find(
      (c: AgentConversationView) => c.id === opened.id,
    ) as AgentConversationView;
    expect(listed.status).toBe('open');
    expect(listed.contact).toMatchObject({ email: 'cleo@example.com' });

    // A later message of the open conversation does not change it.
    data(
      await cleo.emitWithAck('message:send', {
        text: 'Or Iceland?',
        contact: { email: 'someone@else.example' },
      }),
    );
    const again = data(await anna.emitWithAck('inbox:list', {}));
    expect(again.conversations.find((c) => c.id === opened.id)?.contact).toMatchObject({
      email: 'cleo@example.com',
    });
    anna.disconnect();
  });
});
