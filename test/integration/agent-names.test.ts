/**
 * Agents from other systems get names (issue 12, §4): an agent id the events API brings
 * (`ben.zd@kestrel`) is shown by the name its events carry, or the one the team gives it through
 * the agents API, everywhere the console and the API show agents; and each attack on those names
 * fails (another site's events or people, a name that reads as a member's, hostile text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentView } from '../../shared/accounts';
import type { LiveScores } from '../../shared/protocol';
import type { ScoresBody } from '../../shared/scoring/types';
import { MINUTE } from '../../shared/time';
import { sha256 } from '../../server/auth/tokens';
import {
  call,
  connectAgent,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type TestServer,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const DEMO_KEY = 'demo-site-key-for-agent-names-0123456789';

describe.each(await storeKinds())('names of agents from other systems (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let anna: AgentClient; // supervisor of the demo site
  let other: { siteId: string; key: string };
  let serial = 0;
  const t0 = Date.now() - 120 * MINUTE;

  /** A conversation `agentId` answered and closed, rated `end`; `identity` rides on its facts. */
  async function answered(
    agentId: string,
    identity: Record<string, unknown>,
    options: { key?: string; site?: string; minute?: number; end?: number } = {},
  ) {
    serial += 1;
    const id = `an-${kind}-${serial}`;
    const at = (i: number) => new Date(t0 + ((options.minute ?? serial) + i) * MINUTE);
    const events = [
      { type: 'conversation.opened' },
      { type: 'message', from: 'visitor', text: 'Where is my parcel?' },
      { type: 'conversation.assigned', agentId, ...identity },
      { type: 'message', from: 'agent', agentId, text: 'On its way', ...identity },
      { type: 'conversation.closed', agentId, ...identity },
      { type: 'rating', end: options.end ?? 2, comment: 'Slow' },
    ].map((event, i) => ({ id: `${id}-${i}`, conversationId: id, at: at(i * 0.1), ...event }));
    const sent = await call(server, 'POST', `/api/v1/sites/${options.site ?? 'demo'}/events`, {
      token: options.key ?? DEMO_KEY,
      body: { events },
    });
    return { id, sent };
  }

  const agentsOf = async (site = 'demo') =>
    (
      await call<{ agents: AgentView[] }>(server, 'GET', `/api/v1/sites/${site}/agents`, {
        token: TEST_ADMIN_TOKEN,
      })
    ).body.agents;
  const agentOf = async (agentId: string, site = 'demo') =>
    (await agentsOf(site)).find((agent) => agent.agentId === agentId);
  const scoreRow = async (agentId: string, site = 'demo', key = DEMO_KEY) =>
    (
      await call<ScoresBody>(server, 'GET', `/api/v1/sites/${site}/scores`, { token: key })
    ).body.agents.find((row) => row.agentId === agentId);
  const name = (agentId: string, body: Record<string, unknown>, token = TEST_ADMIN_TOKEN) =>
    call<AgentView>(server, 'PUT', `/api/v1/sites/demo/agents/${agentId}`, { token, body });

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    const { pipeline } = server.application;
    // A key of the test's own, as a rotation sets it.
    await pipeline.rotateKey('demo', sha256(DEMO_KEY), null);
    const created = await call<{ siteId: string; key: string }>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'Elsewhere', allowedOrigins: ['https://elsewhere.example'] },
    });
    expect(created.status).toBe(201);
    other = created.body;
    anna = await connectAgent(server.url, 'anna@demo.peakend.test');
    await next(anna, 'connect');
  });

  afterAll(async () => {
    anna?.disconnect();
    await server?.stop();
    await storage?.remove();
  });

  it('shows ben.zd@kestrel by the name its events carry: scores, console, history, comments, follow-ups, CSV', async () => {
    const avatar = 'https://cdn.kestrel.example/ben.png';
    const { id, sent } = await answered('ben.zd@kestrel', {
      agentName: 'Ben de Vries',
      agentAvatarUrl: avatar,
    });
    expect(sent.status).toBe(200);

    expect(await scoreRow('ben.zd@kestrel')).toMatchObject({ name: 'Ben de Vries' });
    expect(await agentOf('ben.zd@kestrel')).toEqual({
      agentId: 'ben.zd@kestrel',
      name: 'Ben de Vries',
      ownName: 'Ben de Vries',
      nameSource: 'event',
      avatarUrl: avatar,
      memberId: null,
      hasAccess: false,
    });

    // The console: live scores, the conversation, its timeline.
    const live: LiveScores = data(await anna.emitWithAck('scores:get', {}));
    expect(live.agents.find((row) => row.agentId === 'ben.zd@kestrel')?.name).toBe('Ben de Vries');
    const view = data(await anna.emitWithAck('conversation:get', { conversationId: id }));
    expect(view.assignedAgent).toEqual({ id: 'ben.zd@kestrel', name: 'Ben de Vries' });
    expect(view.messages.find((m) => m.from === 'agent')?.agent?.name).toBe('Ben de Vries');
    const shown = JSON.stringify(view.timeline);
    expect(shown).toContain('Ben de Vries');

    const history = await call<{ conversations: { id: string; assignedAgent: unknown }[] }>(
      server,
      'GET',
      '/api/v1/sites/demo/conversations',
      { token: DEMO_KEY },
    );
    expect(history.body.conversations.find((c) => c.id === id)?.assignedAgent).toEqual({
      id: 'ben.zd@kestrel',
      name: 'Ben de Vries',
    });
    const comments = await call<{ comments: { conversationId: string; agent: unknown }[] }>(
      server,
      'GET',
      '/api/v1/sites/demo/comments',
      { token: DEMO_KEY },
    );
    expect(comments.body.comments.find((c) => c.conversationId === id)?.agent).toEqual({
      id: 'ben.zd@kestrel',
      name: 'Ben de Vries',
    });
    const followups = await call<{ items: { conversationId: string; agent: unknown }[] }>(
      server,
      'GET',
      '/api/v1/sites/demo/followups',
      { token: DEMO_KEY },
    );
    expect(followups.body.items.find((i) => i.conversationId === id)?.agent).toEqual({
      id: 'ben.zd@kestrel',
      name: 'Ben de Vries',
    });
    const csv = await fetch(`${server.url}/api/v1/sites/demo/ratings.csv`, {
      headers: { authorization: `Bearer ${DEMO_KEY}` },
    });
    const line = (await csv.text()).split('\n').find((l) => l.includes(id));
    expect(line).toContain('Ben de Vries');
  });

  it('takes the latest name by the events’ own time, whatever order they arrive in', async () => {
    await answered('cleo@kestrel', { agentName: 'Cleo (new)' }, { minute: 50 });
    await answered('cleo@kestrel', { agentName: 'Cleo (old)' }, { minute: 10 });
    expect((await agentOf('cleo@kestrel'))?.name).toBe('Cleo (new)');
    // A later fact without a picture keeps the name's picture; one with a newer name moves on.
    await answered('cleo@kestrel', { agentName: 'Cleo Marsh' }, { minute: 60 });
    expect((await scoreRow('cleo@kestrel'))?.name).toBe('Cleo Marsh');
  });

  it('keeps the name the team gave through the agents API over any event', async () => {
    await answered('dirk@kestrel', { agentName: 'dirk' });
    const named = await name('dirk@kestrel', { name: 'Dirk Jansen' });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ name: 'Dirk Jansen', nameSource: 'team' });
    await answered('dirk@kestrel', { agentName: 'Dirk (from Zendesk)' }, { minute: 100 });
    expect((await scoreRow('dirk@kestrel'))?.name).toBe('Dirk Jansen');
    // Named before its first event: the events do not rename it either.
    expect((await name('eve@kestrel', { name: 'Eve Stone' })).status).toBe(200);
    await answered('eve@kestrel', { agentName: 'eve' });
    expect((await scoreRow('eve@kestrel'))?.name).toBe('Eve Stone');
  });

  it('shows an id linked to a member by the member’s name; its scores stay its own row', async () => {
    await answered('anna.zd@kestrel', { agentName: 'A. Jansen (Zendesk)' });
    const linked = await name('anna.zd@kestrel', { name: 'Anna at Zendesk', memberId: 'anna' });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      name: 'Anna Jansen',
      ownName: 'Anna at Zendesk',
      memberId: 'anna',
    });
    expect((await scoreRow('anna.zd@kestrel'))?.name).toBe('Anna Jansen');
    // Unlinked (a PUT says all), it is its own name again.
    await name('anna.zd@kestrel', { name: 'Anna at Zendesk' });
    expect((await scoreRow('anna.zd@kestrel'))?.name).toBe('Anna at Zendesk');
    // Only a member of this site, and not itself.
    const nobody = await name('anna.zd@kestrel', { name: 'X', memberId: 'nope' });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error?.code).toBe('invalid');
  });

  it('refuses to rename a member who signs in, through the API or through events', async () => {
    const refused = await name('ben', { name: 'Benny' });
    expect(refused.status).toBe(409);
    // Events with a member's own id never rename them.
    await answered('ben', { agentName: 'Someone Else' });
    expect((await scoreRow('ben'))?.name).toBe('Ben Okafor');
    expect((await agentOf('ben'))?.name).toBe('Ben Okafor');
  });

  it('does not let an outside agent take a member’s name (any case, width, accent, spacing or invisible character)', async () => {
    for (const [i, impostor] of [
      'Anna Jansen',
      'anna  JANSEN',
      'Anna\u200bJansen',
      'Ａｎｎａ Jansen', // fullwidth letters
      'Änna Jansen',
    ].entries()) {
      const agentId = `impostor${i}@kestrel`;
      const { sent } = await answered(agentId, { agentName: impostor });
      expect(sent.status).toBe(200); // the facts count; only the name is not taken
      const row = await scoreRow(agentId);
      expect(row?.name).toBe(agentId);
      expect((await agentOf(agentId))?.nameSource).toBe('id');
    }
    // Nor the name the team gave another agent id.
    await answered('fake.dirk@kestrel', { agentName: 'dirk jansen' });
    expect((await scoreRow('fake.dirk@kestrel'))?.name).toBe('fake.dirk@kestrel');
  });

  it('keeps each site’s names to itself', async () => {
    await answered('gus@kestrel', { agentName: 'Gus Bell' });
    // Another site's integrator names the same agent id on its own site.
    const { sent } = await answered(
      'gus@kestrel',
      { agentName: 'Gus the Impostor' },
      { key: other.key, site: other.siteId, minute: 200 },
    );
    expect(sent.status).toBe(200);
    expect((await scoreRow('gus@kestrel'))?.name).toBe('Gus Bell');
    expect((await scoreRow('gus@kestrel', other.siteId, other.key))?.name).toBe('Gus the Impostor');
    // Its key cannot name the demo site's agents, nor read them.
    expect((await name('gus@kestrel', { name: 'Gus the Impostor' }, other.key)).status).toBe(401);
    expect(
      (await call(server, 'GET', '/api/v1/sites/demo/agents', { token: other.key })).status,
    ).toBe(401);
    // Nor can it send facts to the demo site, names and all.
    const { sent: crossSite } = await answered(
      'gus@kestrel',
      { agentName: 'Gus the Impostor' },
      { key: other.key, minute: 300 },
    );
    expect(crossSite.status).toBe(403);
    // Another site cannot link its agent ids to this site's members: members are per site.
    const linkAcross = await call(
      server,
      'PUT',
      `/api/v1/sites/${other.siteId}/agents/gus@kestrel`,
      { token: TEST_ADMIN_TOKEN, body: { name: 'Gus', memberId: 'anna' } },
    );
    expect(linkAcross.status).toBe(400);
    // A name from events of one site does not count as a member's name on another.
    await answered(
      'hal@kestrel',
      { agentName: 'Anna Jansen' },
      { key: other.key, site: other.siteId },
    );
    expect((await scoreRow('hal@kestrel', other.siteId, other.key))?.name).toBe('Anna Jansen');
    expect(await agentOf('hal@kestrel')).toBeUndefined();
  });

  it('refuses hostile names and pictures with a clear error, and stores nothing of the batch', async () => {
    for (const [identity, path] of [
      [{ agentName: 'Ben\u0007' }, 'agentName'],
      [{ agentName: 'Ben\u202eseivreD' }, 'agentName'],
      [{ agentName: 'Ben\nAdmin' }, 'agentName'],
      [{ agentName: 'B'.repeat(81) }, 'agentName'],
      [{ agentName: '   ' }, 'agentName'],
      [{ agentName: 'Ben', agentAvatarUrl: 'javascript:alert(1)' }, 'agentAvatarUrl'],
      [{ agentName: 'Ben', agentAvatarUrl: 'http://cdn.example/ben.png' }, 'agentAvatarUrl'],
      [{ agentName: 'Ben', agentAvatarUrl: 'https://user:pw@cdn.example/b.png' }, 'agentAvatarUrl'],
      [
        { agentName: 'Ben', agentAvatarUrl: `https://cdn.example/${'a'.repeat(500)}` },
        'agentAvatarUrl',
      ],
    ] as const) {
      const { id, sent } = await answered('ivy@kestrel', identity);
      expect(sent.status, JSON.stringify(identity)).toBe(400);
      const issues = sent.body.error?.issues;
      expect(issues?.[0]?.path).toMatch(new RegExp(`^events\\.\\d+\\.${path}$`));
      expect(await server.application.store.listFacts('demo', id)).toEqual([]);
    }
    expect(await agentOf('ivy@kestrel')).toBeUndefined();
    // The agents API holds names to the same rules.
    const bad = await name('ivy@kestrel', { name: 'Ivy\u0000', avatarUrl: 'data:image/png,x' });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.error?.issues?.map((i) => i.path))).toEqual(
      new Set(['avatarUrl', 'name']),
    );
    expect((await name('bad id!', { name: 'Ivy' })).status).toBe(400);
  });
});
