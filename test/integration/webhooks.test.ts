/**
 * Outgoing webhooks over real HTTP, on both stores: a receiver on loopback verifies each
 * delivery's signature with the `standardwebhooks` library and sees a 500 retried with the same
 * webhook-id; deliveries wait in the store across a restart; a day of failures disables the
 * endpoint with its reason; a rating is told once the card is done, or after a quiet period;
 * a promise's breaking once, at its due time. The worker's timers never fire here: each test
 * runs it and moves the clock itself. And the attacks: another site's admin reaching a site's
 * webhooks, and destinations on this machine once the guard is on.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MINUTE } from '../../shared/time';
import type {
  DeliveryPage,
  NewWebhookView,
  WebhookPayload,
  WebhookView,
} from '../../shared/webhooks';
import type { Timers } from '../../server/jobs/periodic';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import {
  call,
  movableClock,
  startServer,
  TEST_ADMIN_TOKEN,
  type TestServer,
} from '../support/server';
import { createTestStorage, skipPostgres, storeKinds, type TestStorage } from '../support/stores';

/** Timers that never fire: the tests run the worker themselves. */
const stillTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback, answering each request with the next status given. */
async function receiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The statuses of the next answers (200 after them). */
    answer: (...statuses: number[]) => answers.push(...statuses),
    /** Forgets what it received and the answers not given. */
    reset: () => {
      received.splice(0);
      answers.splice(0);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof receiver>>;

/** The server's clock, which the receiver's must agree with (the signature dates each attempt). */
const clock = movableClock();

/** A delivery as the receiver got it, its signature verified with the endpoint's secret. */
function verified(secret: string, delivery: Received): WebhookPayload {
  const headers = {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  };
  // The library checks the timestamp against its own now: the receiver lives at the server's.
  const now = vi.spyOn(Date, 'now').mockReturnValue(clock.now());
  try {
    return new Webhook(secret).verify(delivery.body, headers) as WebhookPayload;
  } finally {
    now.mockRestore();
  }
}

describe.each(await storeKinds())('outgoing webhooks (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let hooks: Receiver;
  let serial = 0;

  const admin = { token: TEST_ADMIN_TOKEN };

  /** A fresh site, through the sites API: its id and key. */
  async function newSite() {
    const site = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      ...admin,
      body: { name: `Hooks ${kind} ${++serial}`, allowedOrigins: [] },
    });
    expect(site.status).toBe(201);
    return site.body;
  }

  async function newWebhook(siteId: string, body: Record<string, unknown>) {
    const made = await call<NewWebhookView>(server, 'POST', `/api/v1/sites/${siteId}/webhooks`, {
      ...admin,
      body,
    });
    expect(made.status).toBe(201);
    return made.body;
  }

  /** Events through the events API, at times relative to now (minutes). */
  async function send(site: { siteId: string; key: string }, events: Record<string, unknown>[]) {
    const sent = await call(server, 'POST', `/api/v1/sites/${site.siteId}/events`, {
      token: site.key,
      body: {
        events: events.map(({ minutes, ...event }) => ({
          ...event,
          at: new Date(clock.now() + Number(minutes ?? 0) * MINUTE).toISOString(),
        })),
      },
    });
    expect(sent.status).toBe(200);
  }

  /** A conversation ben answered and closed, then rated. */
  const rated = (site: { siteId: string; key: string }, id: string, rating: object) =>
    send(site, [
      {
        id: `${id}-1`,
        conversationId: id,
        type: 'message',
        from: 'visitor',
        text: 'Hi',
        minutes: -6,
      },
      {
        id: `${id}-2`,
        conversationId: id,
        type: 'message',
        from: 'agent',
        agentId: 'ben',
        text: 'Hello',
        minutes: -5,
      },
      {
        id: `${id}-3`,
        conversationId: id,
        type: 'conversation.closed',
        agentId: 'ben',
        minutes: -4,
      },
      { id: `${id}-4`, conversationId: id, type: 'rating', minutes: -3, ...rating },
    ]);

  const deliveries = async (siteId: string, webhookId: string) => {
    const page = await call<DeliveryPage>(
      server,
      'GET',
      `/api/v1/sites/${siteId}/webhooks/${webhookId}/deliveries`,
      admin,
    );
    expect(page.status).toBe(200);
    return page.body.deliveries;
  };

  const run = () => server.application.webhooks.runDue();

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, clock, timers: stillTimers });
    hooks = await receiver();
  });

  afterEach(() => hooks.reset());

  afterAll(async () => {
    await server?.stop();
    await hooks?.close();
    await storage?.remove();
  });

  it('signs deliveries the standardwebhooks library verifies, and retries a 500 with the same webhook-id', async () => {
    const site = await newSite();
    const hook = await newWebhook(site.siteId, { url: hooks.url, events: ['rating.saved'] });
    expect(hook).toMatchObject({ kind: 'standard', enabled: true, events: ['rating.saved'] });
    // whsec_ and the base64 of at least 24 random bytes.
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(hook.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    hooks.answer(500);
    await rated(site, `sig-${kind}`, { end: 2, comment: 'Slow to answer' });
    await run();
    expect(hooks.received).toHaveLength(1);
    const first = hooks.received[0]!;
    const payload = verified(hook.secret, first);
    expect(payload).toMatchObject({
      type: 'rating.saved',
      data: { conversationId: `sig-${kind}`, end: 2, comment: 'Slow to answer', agentId: 'ben' },
    });
    expect(payload.data.version).toEqual(expect.any(Number));
    expect(Date.parse(payload.timestamp)).not.toBeNaN();
    // A signature by another secret does not verify.
    expect(() => verified(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, first)).toThrow();

    const [failed] = await deliveries(site.siteId, hook.id);
    expect(failed).toMatchObject({
      id: first.headers['webhook-id'],
      event: 'rating.saved',
      status: 'pending',
      attempts: 1,
      lastStatus: 500,
    });
    // The first retry is due within 10 s.
    expect(Date.parse(failed!.nextAttemptAt!) - clock.now()).toBeLessThanOrEqual(10_000);

    await run();
    expect(hooks.received).toHaveLength(1); // not due yet
    clock.advance(10_000);
    await run();
    expect(hooks.received).toHaveLength(2);
    const retry = hooks.received[1]!;
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(verified(hook.secret, retry)).toEqual(payload);
    const [delivered] = await deliveries(site.siteId, hook.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });

    // Resend: the same message again, same webhook-id.
    const resent = await call(
      server,
      'POST',
      `/api/v1/sites/${site.siteId}/webhooks/${hook.id}/deliveries/${delivered!.id}/resend`,
      admin,
    );
    expect(resent.status).toBe(202);
    await run();
    expect(hooks.received).toHaveLength(3);
    expect(hooks.received[2]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
  });

  it('tells a rating two minutes after its last step, or at once when the card is done, and each amendment with a newer version', async () => {
    const site = await newSite();
    const hook = await newWebhook(site.siteId, { url: hooks.url, events: ['rating.saved'] });
    const id = `quiet-${kind}`;
    await rated(site, id, { end: 3, minutes: 0 });
    await run();
    expect(hooks.received).toHaveLength(0);
    // The next step within the quiet period replaces the news; still one message.
    await send(site, [
      {
        id: `${id}-5`,
        conversationId: id,
        type: 'rating',
        end: 3,
        peak: { dimension: 'empathy', polarity: 'positive' },
        minutes: 0.5,
      },
    ]);
    clock.advance(2 * MINUTE);
    await run();
    expect(hooks.received).toHaveLength(0); // two minutes after the first step, not the last
    clock.advance(MINUTE);
    await run();
    expect(hooks.received).toHaveLength(1);
    const first = verified(hook.secret, hooks.received[0]!);
    expect(first.data).toMatchObject({ end: 3, peak: { dimension: 'empathy' } });

    // An amendment, with its comment: told at once, as a newer version.
    await send(site, [
      { id: `${id}-6`, conversationId: id, type: 'rating', end: 4, comment: 'Fine after all' },
    ]);
    await run();
    expect(hooks.received).toHaveLength(2);
    const second = verified(hook.secret, hooks.received[1]!);
    expect(second.data).toMatchObject({ end: 4, comment: 'Fine after all' });
    expect(Number(second.data.version)).toBeGreaterThan(Number(first.data.version));
    expect(hooks.received[1]!.headers['webhook-id']).not.toBe(
      hooks.received[0]!.headers['webhook-id'],
    );

    // The card's "Send rating" without a comment says it is finished: told at once too.
    await send(site, [
      { id: `${id}-7`, conversationId: id, type: 'rating', end: 5, finished: true },
    ]);
    await run();
    expect(hooks.received).toHaveLength(3);
    expect(verified(hook.secret, hooks.received[2]!).data).toMatchObject({ end: 5 });
  });

  it('tells a broken promise once, at its due time, and a kept one never', async () => {
    const site = await newSite();
    const hook = await newWebhook(site.siteId, {
      url: hooks.url,
      events: ['promise.broken', 'conversation.reopened'],
    });
    const open = (id: string) => [
      { id: `${id}-1`, conversationId: id, type: 'message', from: 'visitor', text: 'Refund?' },
      {
        id: `${id}-2`,
        conversationId: id,
        type: 'message',
        from: 'agent',
        agentId: 'ben',
        text: 'Checking',
      },
    ];
    const due = new Date(clock.now() + 10 * MINUTE).toISOString();
    const promise = (id: string) => ({
      id: `${id}-3`,
      conversationId: id,
      type: 'promise.made',
      promiseId: 'p1',
      agentId: 'ben',
      dueAt: due,
      text: 'I will email you the label',
    });
    await send(site, [...open(`broken-${kind}`), promise(`broken-${kind}`)]);
    await send(site, [
      ...open(`kept-${kind}`),
      promise(`kept-${kind}`),
      {
        id: `kept-${kind}-4`,
        conversationId: `kept-${kind}`,
        type: 'promise.kept',
        promiseId: 'p1',
        agentId: 'ben',
        minutes: 1,
      },
    ]);
    await run();
    expect(hooks.received).toHaveLength(0);
    clock.advance(10 * MINUTE + 1000);
    await Promise.all([run(), run()]);
    await run();
    expect(hooks.received).toHaveLength(1);
    const told = verified(hook.secret, hooks.received[0]!);
    expect(told).toMatchObject({
      type: 'promise.broken',
      data: {
        conversationId: `broken-${kind}`,
        promiseId: 'p1',
        agentId: 'ben',
        text: 'I will email you the label',
        dueAt: due,
      },
    });
    clock.advance(HOURS);
    await run();
    expect(hooks.received).toHaveLength(1);
  });

  it('tells follow-up items made and changed, and reopened conversations', async () => {
    const site = await newSite();
    const hook = await newWebhook(site.siteId, {
      url: hooks.url,
      events: ['followup.created', 'followup.updated', 'conversation.reopened'],
    });
    const id = `items-${kind}`;
    await rated(site, id, { end: 1, comment: 'Awful' });
    await run();
    expect(hooks.received).toHaveLength(1);
    const created = verified(hook.secret, hooks.received[0]!);
    expect(created).toMatchObject({
      type: 'followup.created',
      data: { conversationId: id, cause: 'rating', status: 'new', agentId: 'ben', version: 1 },
    });
    const itemId = String(created.data.id);
    const changed = await call(
      server,
      'PATCH',
      `/api/v1/sites/${site.siteId}/followups/${itemId}`,
      {
        token: site.key,
        body: { status: 'contacted', note: 'Called her back' },
      },
    );
    expect(changed.status).toBe(200);
    await send(site, [
      { id: `${id}-9`, conversationId: id, type: 'conversation.reopened', minutes: 1 },
    ]);
    await run();
    const told = hooks.received.slice(1).map((r) => verified(hook.secret, r));
    expect(told).toHaveLength(2);
    expect(told).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'followup.updated',
          data: expect.objectContaining({ id: itemId, status: 'contacted', version: 2 }),
        }),
        expect.objectContaining({
          type: 'conversation.reopened',
          data: expect.objectContaining({ conversationId: id, status: 'open' }),
        }),
      ]),
    );
  });

  it('keeps deliveries in the store across a restart', async () => {
    const durable = await createTestStorage(kind);
    try {
      const first = await startServer({ storage: durable, clock, timers: stillTimers });
      const other = server;
      server = first;
      const site = await newSite();
      const hook = await newWebhook(site.siteId, { url: hooks.url, events: ['rating.saved'] });
      await rated(site, `restart-${kind}`, { end: 1, comment: 'Never again' });
      await first.stop();
      expect(hooks.received).toHaveLength(0);

      const second = await startServer({ storage: durable, clock, timers: stillTimers });
      server = second;
      try {
        await run();
        expect(hooks.received).toHaveLength(1);
        expect(verified(hook.secret, hooks.received[0]!).data).toMatchObject({ end: 1 });
      } finally {
        await second.stop();
        server = other;
      }
    } finally {
      await durable.remove();
    }
  });

  it('gives up after a day of failures and disables the endpoint, saying why; enabling it clears that', async () => {
    const site = await newSite();
    const hook = await newWebhook(site.siteId, { url: hooks.url, events: ['rating.saved'] });
    await rated(site, `failing-${kind}`, { end: 2, comment: 'Bad' });
    hooks.answer(...Array<number>(200).fill(503));
    let view: WebhookView | undefined;
    for (let hour = 0; hour < 30; hour++) {
      await run();
      view = (
        await call<WebhookView>(
          server,
          'GET',
          `/api/v1/sites/${site.siteId}/webhooks/${hook.id}`,
          admin,
        )
      ).body;
      if (!view.enabled) break;
      clock.advance(HOURS);
    }
    expect(view).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/failed for 24 hours.*HTTP 503/),
    });
    const [delivery] = await deliveries(site.siteId, hook.id);
    expect(delivery).toMatchObject({ status: 'failed', lastStatus: 503 });
    expect(delivery!.attempts).toBeGreaterThan(5);

    // Disabled, it hears nothing more.
    const heard = hooks.received.length;
    await rated(site, `failing-more-${kind}`, { end: 1, comment: 'Worse' });
    await run();
    expect(hooks.received).toHaveLength(heard);

    hooks.received.splice(0);
    hooks.answer(...Array<number>(200).fill(200));
    const enabled = await call<WebhookView>(
      server,
      'PATCH',
      `/api/v1/sites/${site.siteId}/webhooks/${hook.id}`,
      {
        ...admin,
        body: { enabled: true },
      },
    );
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
    const ping = await call(
      server,
      'POST',
      `/api/v1/sites/${site.siteId}/webhooks/${hook.id}/ping`,
      admin,
    );
    expect(ping.status).toBe(202);
    await run();
    expect(hooks.received.map((r) => verified(hook.secret, r).type)).toContain('webhook.ping');
  });

  it('turns a bad ending into a Slack message, and says nothing of a good one', async () => {
    const site = await newSite();
    const slack = await newWebhook(site.siteId, {
      url: hooks.url,
      kind: 'slack',
      events: ['rating.saved', 'promise.broken'],
    });
    expect(slack.url).not.toContain('/hooks'); // a Slack URL is a secret: its path is not shown
    await rated(site, `slack-bad-${kind}`, { end: 1, comment: 'Rude <script>' });
    await rated(site, `slack-good-${kind}`, { end: 5, comment: 'Lovely' });
    await run();
    expect(hooks.received).toHaveLength(1);
    const message = JSON.parse(hooks.received[0]!.body) as { text: string; blocks: unknown[] };
    expect(message.text).toContain(`slack-bad-${kind}`);
    expect(JSON.stringify(message.blocks)).toContain('Rude &lt;script&gt;');
    expect(hooks.received[0]!.headers['webhook-signature']).toBeUndefined();
    const log = await deliveries(site.siteId, slack.id);
    expect(log.map((d) => d.status).sort()).toEqual(['delivered', 'skipped']);
    // Slack hears only what it has a message for.
    const wrong = await call(server, 'POST', `/api/v1/sites/${site.siteId}/webhooks`, {
      ...admin,
      body: { url: hooks.url, kind: 'slack', events: ['followup.updated'] },
    });
    expect(wrong.status).toBe(400);
  });

  it('refuses bad input, and keeps each site’s webhooks from every other site’s admins', async () => {
    const site = await newSite();
    const hook = await newWebhook(site.siteId, { url: hooks.url, events: ['followup.created'] });
    for (const body of [
      { url: 'ftp://example.com/x', events: ['rating.saved'] },
      { url: 'not a url', events: ['rating.saved'] },
      { url: 'https://user:pw@example.com/', events: ['rating.saved'] },
      { url: 'https://example.com/', events: [] },
      { url: 'https://example.com/', events: ['rating.deleted'] },
      { url: 'https://example.com/', events: ['rating.saved'], secret: 'whsec_mine' },
    ]) {
      const refused = await call(server, 'POST', `/api/v1/sites/${site.siteId}/webhooks`, {
        ...admin,
        body,
      });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    // The secret is shown once: never in the list or a read.
    const listed = await call<{ webhooks: WebhookView[] }>(
      server,
      'GET',
      `/api/v1/sites/${site.siteId}/webhooks`,
      admin,
    );
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);
    expect(listed.body.webhooks.map((w) => w.id)).toEqual([hook.id]);

    // Dana administers the demo site only.
    const signedIn = await call(server, 'POST', '/api/v1/session', {
      body: { email: 'dana@demo.peakend.test', password: DEMO_PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    const dana = { cookie: signedIn.cookie, origin: server.url };
    const own = await call<NewWebhookView>(server, 'POST', '/api/v1/sites/demo/webhooks', {
      ...dana,
      body: { url: hooks.url, events: ['rating.saved'] },
    });
    expect(own.status).toBe(201);

    const base = `/api/v1/sites/${site.siteId}/webhooks`;
    const [delivery] = await deliveries(site.siteId, hook.id).then(async (list) => {
      if (list.length > 0) return list;
      await call(server, 'POST', `${base}/${hook.id}/ping`, admin);
      return deliveries(site.siteId, hook.id);
    });
    // Through her own site's path, the other site's endpoint does not exist...
    for (const [method, path, body] of [
      ['GET', `/api/v1/sites/demo/webhooks/${hook.id}`],
      ['PATCH', `/api/v1/sites/demo/webhooks/${hook.id}`, { url: 'https://evil.example/' }],
      ['DELETE', `/api/v1/sites/demo/webhooks/${hook.id}`],
      ['POST', `/api/v1/sites/demo/webhooks/${hook.id}/ping`],
      ['GET', `/api/v1/sites/demo/webhooks/${hook.id}/deliveries`],
      ['POST', `/api/v1/sites/demo/webhooks/${own.body.id}/deliveries/${delivery!.id}/resend`],
    ] as const) {
      const answer = await call(server, method, path, { ...dana, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    // ...and through its own path she is forbidden.
    for (const [method, path] of [
      ['GET', base],
      ['POST', base],
      ['GET', `${base}/${hook.id}`],
      ['DELETE', `${base}/${hook.id}`],
    ] as const) {
      const answer = await call(server, method, path, {
        ...dana,
        body:
          method === 'POST'
            ? { url: 'https://evil.example/', events: ['rating.saved'] }
            : undefined,
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    // The site's own key is no admin credential.
    const byKey = await call(server, 'GET', base, { token: site.key });
    expect(byKey.status).toBe(401);
    // Nothing changed.
    const still = await call<WebhookView>(server, 'GET', `${base}/${hook.id}`, admin);
    expect(still.body).toMatchObject({ url: hooks.url, enabled: true });

    const removed = await call(
      server,
      'DELETE',
      `/api/v1/sites/demo/webhooks/${own.body.id}`,
      dana,
    );
    expect(removed.status).toBe(204);
  });
});

const HOURS = 60 * MINUTE;

describe('webhook destinations in production (server-side request forgery)', () => {
  let storage: TestStorage;
  let hooks: Receiver;

  beforeAll(async () => {
    storage = await createTestStorage('sqlite');
    hooks = await receiver();
  });
  afterAll(async () => {
    await hooks?.close();
    await storage?.remove();
  });

  it('refuses loopback, private and link-local destinations, by address and by name at connect time', async () => {
    const server = await startServer({
      storage,
      timers: stillTimers,
      env: { PEAKEND_WEBHOOK_GUARD: 'true' },
    });
    try {
      for (const url of [
        hooks.url,
        'http://10.1.2.3/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]:8080/',
        'http://[::ffff:127.0.0.1]/',
        'http://[fd00::1]/',
        'http://0.0.0.0/',
      ]) {
        const refused = await call(server, 'POST', '/api/v1/sites/demo/webhooks', {
          token: TEST_ADMIN_TOKEN,
          body: { url, events: ['rating.saved'] },
        });
        expect(refused.status, url).toBe(400);
        expect(refused.body.error?.issues?.[0]?.path).toBe('url');
      }
      // A name is resolved when connecting: `localhost` is refused then, and nothing is sent.
      const byName = await call<NewWebhookView>(server, 'POST', '/api/v1/sites/demo/webhooks', {
        token: TEST_ADMIN_TOKEN,
        body: { url: `http://localhost:${hooks.port}/hooks`, events: ['rating.saved'] },
      });
      expect(byName.status).toBe(201);
      await call(server, 'POST', `/api/v1/sites/demo/webhooks/${byName.body.id}/ping`, {
        token: TEST_ADMIN_TOKEN,
      });
      await server.application.webhooks.runDue();
      expect(hooks.received).toHaveLength(0);
      const log = await call<DeliveryPage>(
        server,
        'GET',
        `/api/v1/sites/demo/webhooks/${byName.body.id}/deliveries`,
        { token: TEST_ADMIN_TOKEN },
      );
      expect(log.body.deliveries[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastStatus: null,
        lastError: expect.stringMatching(/not a public address/),
      });
    } finally {
      await server.stop();
    }
  });

  it('lets through what PEAKEND_WEBHOOK_ALLOW names', async () => {
    const server = await startServer({
      storage,
      timers: stillTimers,
      env: { PEAKEND_WEBHOOK_GUARD: 'true', PEAKEND_WEBHOOK_ALLOW: '127.0.0.0/8' },
    });
    try {
      const hook = await call<NewWebhookView>(server, 'POST', '/api/v1/sites/demo/webhooks', {
        token: TEST_ADMIN_TOKEN,
        body: { url: `http://localhost:${hooks.port}/hooks`, events: ['rating.saved'] },
      });
      expect(hook.status).toBe(201);
      await call(server, 'POST', `/api/v1/sites/demo/webhooks/${hook.body.id}/ping`, {
        token: TEST_ADMIN_TOKEN,
      });
      await server.application.webhooks.runDue();
      expect(hooks.received.length).toBeGreaterThanOrEqual(1);
    } finally {
      await server.stop();
    }
  });
});

describe.skipIf(await skipPostgres())('webhooks from two nodes on one PostgreSQL database', () => {
  let storage: TestStorage;
  let hooks: Receiver;
  const nodes: TestServer[] = [];

  beforeAll(async () => {
    storage = await createTestStorage('postgres');
    hooks = await receiver();
    // The first node migrates and seeds the demo; the second finds it done.
    nodes.push(await startServer({ storage, clock, timers: stillTimers }));
    nodes.push(await startServer({ storage, clock, timers: stillTimers }));
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await hooks?.close();
    await storage?.remove();
  });

  it('delivers each message once, whichever node’s worker claims it', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const site = await call<{ siteId: string; key: string }>(a, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Two nodes', allowedOrigins: [] },
    });
    const hook = await call<NewWebhookView>(
      a,
      'POST',
      `/api/v1/sites/${site.body.siteId}/webhooks`,
      {
        token: TEST_ADMIN_TOKEN,
        body: { url: hooks.url, events: ['rating.saved', 'conversation.reopened'] },
      },
    );
    expect(hook.status).toBe(201);
    const at = (minutes: number) => new Date(clock.now() + minutes * MINUTE).toISOString();
    const conversations = 40;
    // Half through each node.
    await Promise.all(
      Array.from({ length: conversations }, (_, n) => {
        const id = `two-${n}`;
        return call(n % 2 ? a : b, 'POST', `/api/v1/sites/${site.body.siteId}/events`, {
          token: site.body.key,
          body: {
            events: [
              {
                id: `${id}-1`,
                conversationId: id,
                at: at(-5),
                type: 'message',
                from: 'visitor',
                text: 'Hi',
              },
              {
                id: `${id}-2`,
                conversationId: id,
                at: at(-4),
                type: 'message',
                from: 'agent',
                agentId: 'ben',
                text: 'Yes',
              },
              {
                id: `${id}-3`,
                conversationId: id,
                at: at(-3),
                type: 'conversation.closed',
                agentId: 'ben',
              },
              {
                id: `${id}-4`,
                conversationId: id,
                at: at(-2),
                type: 'rating',
                end: 1 + (n % 5),
                comment: 'ok',
              },
            ],
          },
        });
      }),
    );
    const attempted = await Promise.all([
      a.application.webhooks.runDue(),
      b.application.webhooks.runDue(),
      a.application.webhooks.runDue(),
      b.application.webhooks.runDue(),
    ]);
    expect(attempted.reduce((sum, n) => sum + n, 0)).toBe(conversations);
    const ids = hooks.received.map((r) => String(r.headers['webhook-id']));
    expect(ids).toHaveLength(conversations);
    expect(new Set(ids).size).toBe(conversations);
    const told = hooks.received.map((r) => verified(hook.body.secret, r).data.conversationId);
    expect(new Set(told).size).toBe(conversations);
  });
});
