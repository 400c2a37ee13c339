/**
 * The Chatwoot adapter over real HTTP, on both stores. Payloads are built field by field as
 * Chatwoot's serializers build them (each field's source is noted below), posted shuffled and
 * twice, and must give the same scores as the same conversations posted as facts through the
 * events API. Then the attacks: a wrong or rotated token, a bad signature, another tenant's URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatwootEnabledView, ChatwootIntegrationView } from '../../shared/integrations';
import { signChatwoot } from '../../server/integrations/chatwoot/signature';
import { call, startServer, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';
import { apiSiteMaker } from '../support/sites';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

/**
 * Chatwoot's people. `User#push_event_data` (models/user.rb): id, name, available_name,
 * avatar_url, type 'user', availability_status, thumbnail; `User#webhook_data`: id, name, email,
 * type 'user'. `Contact#webhook_data` (models/contact.rb): id, name, avatar, type 'contact',
 * account; its `push_event_data` (meta.sender): id, name, email, phone_number, identifier,
 * thumbnail, additional_attributes, custom_attributes, type 'contact'.
 */
const ACCOUNT = { id: 7, name: 'Kestrel Outdoor' }; // Account#webhook_data: id, name
const INBOX = { id: 12, name: 'Website' }; // Inbox#webhook_data: id, name
const anna = { id: 31, name: 'Anna Jansen', email: 'anna@kestrel.test', type: 'user' };
const ben = { id: 32, name: 'Ben Okafor', email: 'ben@kestrel.test', type: 'user' };
const jo = { id: 501, name: 'Jo Doe', email: 'jo@example.com', type: 'contact' };
const bot = { id: 3, name: 'Helper bot', type: 'agent_bot' }; // AgentBot#webhook_data

const pushUser = (u: typeof anna) => ({
  id: u.id,
  name: u.name,
  available_name: u.name,
  avatar_url: '',
  type: 'user',
  availability_status: 'online',
  thumbnail: '',
});
const pushContact = {
  additional_attributes: {},
  custom_attributes: {},
  email: jo.email,
  id: jo.id,
  identifier: null,
  name: jo.name,
  phone_number: null,
  thumbnail: '',
  type: 'contact',
};

/** Seconds since the epoch, as `to_i` gives them, and ISO, as Rails renders a time. */
const secs = (ms: number) => Math.floor(ms / 1000);
const isoOf = (ms: number) => new Date(ms).toISOString();

type Kind = 'incoming' | 'outgoing' | 'activity' | 'template';
const KIND_NUMBER: Record<Kind, number> = { incoming: 0, outgoing: 1, activity: 2, template: 3 };

interface Msg {
  id: number;
  kind: Kind;
  at: number;
  content: string;
  sender: typeof anna | typeof jo | typeof bot | null;
  private?: boolean;
  contentType?: string;
  contentAttributes?: Record<string, unknown>;
}

/**
 * `Message#push_event_data` (models/message.rb): the record's attributes, with `created_at` as
 * epoch seconds (`to_i`), `message_type` as its integer (`message_type_before_type_cast`),
 * `conversation_id` the display id, and `sender` the sender's `push_event_data`.
 */
function pushMessage(m: Msg, displayId: number) {
  return {
    id: m.id,
    content: m.content,
    account_id: ACCOUNT.id,
    inbox_id: INBOX.id,
    conversation_id: displayId,
    message_type: KIND_NUMBER[m.kind],
    created_at: secs(m.at),
    updated_at: isoOf(m.at),
    private: m.private ?? false,
    status: 'sent',
    source_id: null,
    content_type: m.contentType ?? 'text',
    content_attributes: m.contentAttributes ?? {},
    sender_type: m.sender?.type === 'user' ? 'User' : m.sender ? 'Contact' : null,
    sender_id: m.sender?.id ?? null,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: m.content,
    ...(m.sender && {
      sender: m.sender.type === 'user' ? pushUser(m.sender as typeof anna) : pushContact,
    }),
  };
}

interface Conv {
  displayId: number;
  status: 'open' | 'resolved' | 'pending';
  createdAt: number;
  updatedAt: number;
  assignee: typeof anna | null;
  /** The last chat message (`messages.chat.last`: neither activity nor private), if any. */
  last: Msg | null;
}

/**
 * `Conversations::EventDataPresenter#push_data` (presenters/conversations/
 * event_data_presenter.rb), which `Conversation#webhook_data` is: `id` is the display id;
 * `messages` only the last chat message; `meta` the contact and assignee; timestamps as epoch
 * seconds, `updated_at` a float (`to_f`).
 */
function conversationData(c: Conv) {
  return {
    additional_attributes: { browser: { browser_name: 'Firefox' }, referer: 'https://shop.test' },
    can_reply: true,
    channel: 'Channel::WebWidget',
    contact_inbox: {
      id: 180,
      contact_id: jo.id,
      inbox_id: INBOX.id,
      source_id: '239a4135-0f7b-4fd5-b108-17f84e596aef',
      created_at: isoOf(c.createdAt),
      updated_at: isoOf(c.createdAt),
      hmac_verified: false,
      pubsub_token: 'wfTzyNgmiE8YagFL3m4JU8Fi',
    },
    id: c.displayId,
    inbox_id: INBOX.id,
    messages: c.last ? [pushMessage(c.last, c.displayId)] : [],
    labels: [],
    meta: {
      sender: pushContact,
      assignee: c.assignee ? pushUser(c.assignee) : null,
      assignee_type: c.assignee ? 'User' : null,
      team: null,
      hmac_verified: false,
    },
    status: c.status,
    custom_attributes: {},
    snoozed_until: null,
    unread_count: 0,
    first_reply_created_at: null,
    priority: null,
    waiting_since: 0,
    agent_last_seen_at: secs(c.updatedAt),
    contact_last_seen_at: 0,
    last_activity_at: secs(c.updatedAt),
    timestamp: secs(c.updatedAt),
    created_at: secs(c.createdAt),
    updated_at: c.updatedAt / 1000,
  };
}

/**
 * Conversation events (listeners/webhook_listener.rb): `conversation.webhook_data` merged with
 * `event`, and for status and update events `changed_attributes`, which base_listener.rb's
 * `extract_changed_attributes` makes null or `[{attr: {previous_value, current_value}}]`.
 */
function conversationEvent(
  event: 'conversation_created' | 'conversation_status_changed' | 'conversation_updated',
  c: Conv,
  changed: Record<string, [unknown, unknown]> | null = null,
) {
  return {
    ...conversationData(c),
    event,
    ...(event !== 'conversation_created' && {
      changed_attributes: changed
        ? Object.entries(changed).map(([name, [previous_value, current_value]]) => ({
            [name]: { previous_value, current_value },
          }))
        : null,
    }),
  };
}

/**
 * Message events: `Message#webhook_data` (models/message.rb) merged with `event`. Here
 * `message_type` is the enum's name, `created_at` a Rails time (ISO with milliseconds), and
 * `sender` the sender's `webhook_data`.
 */
function messageEvent(event: 'message_created' | 'message_updated', m: Msg, c: Conv) {
  return {
    account: ACCOUNT,
    additional_attributes: {},
    content_attributes: m.contentAttributes ?? {},
    content_type: m.contentType ?? 'text',
    content: m.content,
    conversation: conversationData(c),
    created_at: isoOf(m.at),
    id: m.id,
    inbox: INBOX,
    message_type: m.kind,
    private: m.private ?? false,
    sender: m.sender
      ? m.sender.type === 'contact'
        ? { ...m.sender, avatar: '', account: ACCOUNT }
        : m.sender
      : null,
    source_id: null,
    event,
  };
}

const S = 1000;

/**
 * Two conversations as Chatwoot reports them, and the same as facts. A: Anna answers twice and
 * resolves; the CSAT answer comes back; Jo's "thanks!" reopens it and it is resolved again with
 * no answer (no reopen counts). B: Ben answers, resolves; Jo writes again, Ben answers (the
 * reopen counts, at its own time), resolves.
 */
function scenario(t0: number) {
  const at = (seconds: number) => t0 + seconds * S;
  const A = 101;
  const B = 102;
  const conv = (displayId: number, over: Partial<Conv>): Conv => ({
    displayId,
    status: 'open',
    createdAt: at(displayId === A ? 0 : 1000),
    updatedAt: at(0),
    assignee: null,
    last: null,
    ...over,
  });
  const greeting: Msg = {
    id: 9000,
    kind: 'template',
    at: at(0),
    content: 'Hello! You are chatting with Kestrel.',
    sender: null,
  };
  const a1: Msg = {
    id: 9001,
    kind: 'incoming',
    at: at(10) + 250,
    content: 'Parcel late',
    sender: jo,
  };
  const a2: Msg = {
    id: 9002,
    kind: 'outgoing',
    at: at(70) + 10,
    content: 'Checking',
    sender: anna,
  };
  const note: Msg = {
    id: 9003,
    kind: 'outgoing',
    at: at(80),
    content: 'private: courier issue',
    sender: ben,
    private: true,
  };
  const a3: Msg = { id: 9004, kind: 'incoming', at: at(100), content: 'Any news?', sender: jo };
  const a4: Msg = { id: 9005, kind: 'outgoing', at: at(400) + 900, content: 'Sent', sender: anna };
  const csat: Msg = {
    id: 9006,
    kind: 'template',
    at: at(501),
    content: 'Please rate the conversation',
    sender: null,
    contentType: 'input_csat',
  };
  const rated: Msg = {
    ...csat,
    contentAttributes: {
      submitted_values: {
        csat_survey_response: { rating: 4, feedback_message: 'Quick, thanks' },
      },
    },
  };
  const thanks: Msg = {
    id: 9007,
    kind: 'incoming',
    at: at(700) + 100,
    content: 'thanks!',
    sender: jo,
  };

  const b1: Msg = {
    id: 9101,
    kind: 'incoming',
    at: at(1000) + 350,
    content: 'Broken zip',
    sender: jo,
  };
  const b2: Msg = {
    id: 9102,
    kind: 'outgoing',
    at: at(1300),
    content: 'Replacing it',
    sender: ben,
  };
  const b3: Msg = {
    id: 9103,
    kind: 'incoming',
    at: at(2000) + 100,
    content: 'Still broken',
    sender: jo,
  };
  const botMsg: Msg = {
    id: 9104,
    kind: 'outgoing',
    at: at(2050),
    content: 'Bot here',
    sender: bot,
  };
  const b4: Msg = { id: 9105, kind: 'outgoing', at: at(2100), content: 'Calling you', sender: ben };

  const payloads = [
    conversationEvent(
      'conversation_created',
      conv(A, { updatedAt: at(0), last: greeting, createdAt: at(0) }),
    ),
    messageEvent('message_created', a1, conv(A, { updatedAt: a1.at, last: a1 })),
    conversationEvent(
      'conversation_updated',
      conv(A, { updatedAt: at(20) + 500, last: a1, assignee: anna }),
      {
        assignee_id: [null, anna.id],
      },
    ),
    messageEvent('message_created', a2, conv(A, { updatedAt: a2.at, last: a2, assignee: anna })),
    messageEvent(
      'message_created',
      note,
      conv(A, { updatedAt: note.at, last: a2, assignee: anna }),
    ),
    messageEvent('message_created', a3, conv(A, { updatedAt: a3.at, last: a3, assignee: anna })),
    messageEvent('message_created', a4, conv(A, { updatedAt: a4.at, last: a4, assignee: anna })),
    conversationEvent(
      'conversation_status_changed',
      conv(A, { status: 'resolved', updatedAt: at(500) + 300, last: a4, assignee: anna }),
      { status: ['open', 'resolved'] },
    ),
    messageEvent(
      'message_created',
      csat,
      conv(A, { status: 'resolved', updatedAt: at(501), last: csat, assignee: anna }),
    ),
    messageEvent(
      'message_updated',
      rated,
      conv(A, { status: 'resolved', updatedAt: at(600) + 40, last: rated, assignee: anna }),
    ),
    messageEvent(
      'message_created',
      thanks,
      conv(A, { status: 'open', updatedAt: thanks.at, last: thanks, assignee: anna }),
    ),
    conversationEvent(
      'conversation_status_changed',
      conv(A, { status: 'open', updatedAt: at(700) + 400, last: thanks, assignee: anna }),
      { status: ['resolved', 'open'] },
    ),
    conversationEvent(
      'conversation_status_changed',
      conv(A, { status: 'resolved', updatedAt: at(760), last: thanks, assignee: anna }),
      { status: ['open', 'resolved'] },
    ),

    conversationEvent(
      'conversation_created',
      conv(B, { updatedAt: b1.at, last: b1, assignee: ben }),
    ),
    messageEvent('message_created', b1, conv(B, { updatedAt: b1.at, last: b1, assignee: ben })),
    messageEvent('message_created', b2, conv(B, { updatedAt: b2.at, last: b2, assignee: ben })),
    // A change Chatwoot reports with no attributes changed (`changed_attributes` null).
    conversationEvent(
      'conversation_updated',
      conv(B, { updatedAt: at(1350), last: b2, assignee: ben }),
    ),
    conversationEvent(
      'conversation_status_changed',
      conv(B, { status: 'resolved', updatedAt: at(1400), last: b2, assignee: ben }),
      { status: ['open', 'resolved'] },
    ),
    messageEvent('message_created', b3, conv(B, { updatedAt: b3.at, last: b3, assignee: ben })),
    conversationEvent(
      'conversation_status_changed',
      conv(B, { status: 'open', updatedAt: at(2000) + 400, last: b3, assignee: ben }),
      { status: ['resolved', 'open'] },
    ),
    messageEvent(
      'message_created',
      botMsg,
      conv(B, { updatedAt: botMsg.at, last: botMsg, assignee: ben }),
    ),
    messageEvent('message_created', b4, conv(B, { updatedAt: b4.at, last: b4, assignee: ben })),
    conversationEvent(
      'conversation_status_changed',
      conv(B, { status: 'resolved', updatedAt: at(2200), last: b4, assignee: ben }),
      { status: ['open', 'resolved'] },
    ),
  ];

  const cA = 'cw.7.12.101';
  const cB = 'cw.7.12.102';
  const when = (seconds: number) => isoOf(at(seconds));
  const agentAnna = { agentId: 'chatwoot.31', agentName: 'Anna Jansen' };
  const agentBen = { agentId: 'chatwoot.32', agentName: 'Ben Okafor' };
  // Ids in the order a person would number them; where two share a second, that order counts.
  const facts = [
    {
      conversationId: cA,
      at: when(0),
      type: 'conversation.opened',
      contact: { email: jo.email, name: jo.name },
    },
    { conversationId: cA, at: when(10), type: 'message', from: 'visitor', text: 'Parcel late' },
    { conversationId: cA, at: when(20), type: 'conversation.assigned', ...agentAnna },
    {
      conversationId: cA,
      at: when(70),
      type: 'message',
      from: 'agent',
      ...agentAnna,
      text: 'Checking',
    },
    { conversationId: cA, at: when(100), type: 'message', from: 'visitor', text: 'Any news?' },
    {
      conversationId: cA,
      at: when(400),
      type: 'message',
      from: 'agent',
      ...agentAnna,
      text: 'Sent',
    },
    { conversationId: cA, at: when(500), type: 'conversation.closed' },
    {
      conversationId: cA,
      at: isoOf(at(600) + 40),
      type: 'rating',
      end: 4,
      comment: 'Quick, thanks',
    },
    { conversationId: cA, at: when(700), type: 'message', from: 'visitor', text: 'thanks!' },
    { conversationId: cA, at: when(760), type: 'conversation.closed' },
    {
      conversationId: cB,
      at: when(1000),
      type: 'conversation.opened',
      contact: { email: jo.email, name: jo.name },
    },
    { conversationId: cB, at: when(1000), type: 'conversation.assigned', ...agentBen },
    { conversationId: cB, at: when(1000), type: 'message', from: 'visitor', text: 'Broken zip' },
    {
      conversationId: cB,
      at: when(1300),
      type: 'message',
      from: 'agent',
      ...agentBen,
      text: 'Replacing it',
    },
    { conversationId: cB, at: when(1400), type: 'conversation.closed' },
    { conversationId: cB, at: when(2000), type: 'conversation.reopened' },
    { conversationId: cB, at: when(2000), type: 'message', from: 'visitor', text: 'Still broken' },
    {
      conversationId: cB,
      at: when(2100),
      type: 'message',
      from: 'agent',
      ...agentBen,
      text: 'Calling you',
    },
    { conversationId: cB, at: when(2200), type: 'conversation.closed' },
  ].map((fact, i) => ({ id: `f-${String(i).padStart(3, '0')}`, ...fact }));

  return { payloads, facts, A, B, conv, note, msgs: { a1, a2, thanks } };
}

/** A shuffle that is the same on every run (a test's failure can be replayed). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.each(await storeKinds())('the Chatwoot adapter (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let newSite: () => Promise<{ siteId: string; key: string }>;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    newSite = apiSiteMaker(() => server, `Chatwoot ${kind}`);
  });

  afterAll(async () => {
    await server?.stop();
    await storage?.remove();
  });

  const enable = async (siteId: string, body?: unknown) => {
    const answer = await call<ChatwootEnabledView>(
      server,
      'POST',
      `/api/v1/sites/${siteId}/integrations/chatwoot`,
      { token: TEST_ADMIN_TOKEN, ...(body !== undefined && { body }) },
    );
    expect(answer.status).toBe(201);
    return answer.body;
  };

  /** Posts a payload as Chatwoot does: the raw JSON, with its headers. */
  const deliver = async (url: string, payload: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'rest-client', ...headers },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  };

  const scores = async (site: { siteId: string; key: string }, at: number) => {
    const answer = await call<{ site: unknown; agents: { agentId: string }[] }>(
      server,
      'GET',
      `/api/v1/sites/${site.siteId}/scores?at=${isoOf(at)}`,
      { token: site.key },
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('gives, shuffled and twice, the scores of the same facts sent through the events API', async () => {
    const t0 = Math.floor((Date.now() - 3 * 86_400_000) / 1000) * 1000;
    const { payloads, facts } = scenario(t0);
    const viaChatwoot = await newSite();
    const viaEvents = await newSite();
    const { url, events } = await enable(viaChatwoot.siteId);
    expect(events).toEqual([
      'conversation_created',
      'conversation_status_changed',
      'conversation_updated',
      'message_created',
      'message_updated',
    ]);

    for (const payload of shuffled([...payloads, ...payloads], 20261130)) {
      const answer = await deliver(url, payload);
      expect(answer.status).toBe(200);
    }
    const sent = await call(server, 'POST', `/api/v1/sites/${viaEvents.siteId}/events`, {
      token: viaEvents.key,
      body: { events: facts },
    });
    expect(sent.status).toBe(200);

    const at = t0 + 86_400_000;
    const fromChatwoot = await scores(viaChatwoot, at);
    const fromEvents = await scores(viaEvents, at);
    expect(fromChatwoot.agents.map((a) => a.agentId).sort()).toEqual([
      'chatwoot.31',
      'chatwoot.32',
    ]);
    expect(fromChatwoot).toEqual(fromEvents);

    // Read back: the private note, the bot's message, the greeting and the CSAT template are
    // not facts; the "thanks!" reopen was held back; Ben's was recorded at its own time.
    const { store } = server.application;
    const a = await store.listFacts(viaChatwoot.siteId, 'cw.7.12.101');
    expect(a.map((f) => f.type)).toEqual([
      'conversation.opened',
      'message',
      'conversation.assigned',
      'message',
      'message',
      'message',
      'conversation.closed',
      'rating',
      'message',
      'conversation.closed',
    ]);
    const b = await store.listFacts(viaChatwoot.siteId, 'cw.7.12.102');
    const reopen = b.find((f) => f.type === 'conversation.reopened');
    expect(reopen?.at).toBe(t0 + 2000 * S);
    expect(b.filter((f) => f.type === 'message' && f.from === 'agent')).toHaveLength(2);
  });

  it('holds a reopen back until an agent answers, whichever arrives first', async () => {
    const t0 = Math.floor((Date.now() - 2 * 86_400_000) / 1000) * 1000;
    const { payloads } = scenario(t0);
    const site = await newSite();
    const { url } = await enable(site.siteId);
    // Conversation B only, the agent's answer before the reopen that it answers.
    const displayIdOf = (p: Record<string, unknown>) =>
      (p.conversation as { id?: number } | undefined)?.id ?? p.id;
    const b = payloads.filter((p) => displayIdOf(p) === 102);
    const reopenAt = b.findIndex(
      (p) =>
        p.event === 'conversation_status_changed' &&
        JSON.stringify(p).includes('"current_value":"open"'),
    );
    expect(reopenAt).toBeGreaterThan(-1);
    const order = [...b.filter((_, i) => i !== reopenAt), b[reopenAt]!];
    let held = 0;
    for (const payload of order) {
      const delivered = await deliver(url, payload);
      expect(delivered.status).toBe(200);
      held += Number(delivered.body.held ?? 0);
    }
    expect(held).toBe(1);
    const facts = await server.application.store.listFacts(site.siteId, 'cw.7.12.102');
    expect(facts.filter((f) => f.type === 'conversation.reopened').map((f) => f.at)).toEqual([
      t0 + 2000 * S,
    ]);
  });

  it('answers a wrong token 404, and a rotated URL stops working', async () => {
    const site = await newSite();
    const first = await enable(site.siteId);
    const { payloads } = scenario(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const payload = payloads[1]!;
    expect((await deliver(first.url, payload)).status).toBe(200);
    const wrong = first.url.replace(/[^/]{8}$/, 'AAAAAAAA');
    expect((await deliver(wrong, payload)).status).toBe(404);
    expect(
      (await deliver(`${server.url}/api/v1/integrations/chatwoot/short`, payload)).status,
    ).toBe(404);

    const second = await enable(site.siteId);
    expect(second.url).not.toBe(first.url);
    expect((await deliver(first.url, payload)).status).toBe(404);
    expect((await deliver(second.url, payload)).status).toBe(200);

    const shown = await call<ChatwootIntegrationView>(
      server,
      'GET',
      `/api/v1/sites/${site.siteId}/integrations/chatwoot`,
      { token: TEST_ADMIN_TOKEN },
    );
    expect(shown.body).toMatchObject({ enabled: true, secretSet: false });
    expect(JSON.stringify(shown.body)).not.toContain(second.url.split('/').at(-1)!);

    const disabled = await call<ChatwootIntegrationView>(
      server,
      'DELETE',
      `/api/v1/sites/${site.siteId}/integrations/chatwoot`,
      { token: TEST_ADMIN_TOKEN },
    );
    expect(disabled.body.enabled).toBe(false);
    expect((await deliver(second.url, payload)).status).toBe(404);
  });

  it('lets only the admin token or an admin enable it: not the site key', async () => {
    const site = await newSite();
    const path = `/api/v1/sites/${site.siteId}/integrations/chatwoot`;
    expect((await call(server, 'POST', path, { token: site.key })).status).toBe(401);
    expect((await call(server, 'GET', path)).status).toBe(401);
    expect((await call(server, 'GET', path, { token: TEST_ADMIN_TOKEN })).body).toMatchObject({
      enabled: false,
    });
  });

  it('checks Chatwoot’s signature once its secret is stored', async () => {
    const site = await newSite();
    const { url } = await enable(site.siteId, { secret: 'cw-webhook-secret-123' });
    const { payloads } = scenario(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const body = JSON.stringify(payloads[1]);
    const now = String(Math.floor(Date.now() / 1000));
    const signed = (secret: string, timestamp = now) => ({
      'x-chatwoot-timestamp': timestamp,
      'x-chatwoot-signature': signChatwoot(secret, timestamp, body),
    });

    expect((await deliver(url, body)).status).toBe(401);
    expect((await deliver(url, body, signed('another-secret-456'))).status).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await deliver(url, body, signed('cw-webhook-secret-123', stale))).status).toBe(401);
    // The body changed after signing.
    const tampered = body.replace('Parcel late', 'Parcel fine');
    const headers = signed('cw-webhook-secret-123');
    expect((await deliver(url, tampered, headers)).status).toBe(401);
    expect(await server.application.store.listFacts(site.siteId, 'cw.7.12.101')).toEqual([]);

    const accepted = await deliver(url, body, signed('cw-webhook-secret-123'));
    expect(accepted.status).toBe(200);
    expect(accepted.body.accepted).toBe(1);

    // Forgotten, the token alone is enough again.
    const path = `/api/v1/sites/${site.siteId}/integrations/chatwoot`;
    const patched = await call<ChatwootIntegrationView>(server, 'PATCH', path, {
      token: TEST_ADMIN_TOKEN,
      body: { secret: null },
    });
    expect(patched.body.secretSet).toBe(false);
    expect((await deliver(url, body)).status).toBe(200);
  });

  it('writes only into the site whose URL it is: another tenant’s token reaches its own site', async () => {
    const victim = await newSite();
    const attacker = await newSite();
    await enable(victim.siteId);
    const { url: attackerUrl } = await enable(attacker.siteId);
    const { payloads } = scenario(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    for (const payload of payloads) expect((await deliver(attackerUrl, payload)).status).toBe(200);
    const { store } = server.application;
    expect(await store.getConversation(victim.siteId, 'cw.7.12.101')).toBeNull();
    expect(await store.listFacts(victim.siteId, 'cw.7.12.102')).toEqual([]);
    expect((await store.listFacts(attacker.siteId, 'cw.7.12.101')).length).toBeGreaterThan(0);
    // Nor can its token be used on another site's admin routes.
    const path = `/api/v1/sites/${victim.siteId}/integrations/chatwoot`;
    expect((await call(server, 'DELETE', path, { token: attacker.key })).status).toBe(401);
  });

  it('answers what it does not read 200, and stores nothing of it', async () => {
    const site = await newSite();
    const { url } = await enable(site.siteId);
    const { payloads, note, conv, A } = scenario(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const unread = [
      { event: 'contact_created', id: 1, name: 'Jo' },
      { event: 'webwidget_triggered', id: 1 },
      { event: 'message_created', id: 'not a number' },
      { no: 'event' },
      [1, 2, 3],
      // A private note: Chatwoot sends it like any message, with `private: true`.
      messageEvent('message_created', note, conv(A, { updatedAt: note.at })),
      // A message edited (not a CSAT answer).
      { ...payloads[1]!, event: 'message_updated' },
    ];
    for (const payload of unread) {
      const answer = await deliver(url, payload);
      expect(answer.status).toBe(200);
      expect(answer.body.accepted ?? 0).toBe(0);
      expect(answer.body.skipped).toBeTruthy();
    }
    expect(await server.application.store.listFacts(site.siteId, 'cw.7.12.101')).toEqual([]);
    expect((await deliver(url, 'not json')).status).toBe(400);
  });
});
