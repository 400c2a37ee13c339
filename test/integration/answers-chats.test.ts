/**
 * "Answers chats" (issue 13): an admin who never answers chats was listed in the live scores.
 * A member who does not answer chats is left out of the live scores and the scores API while
 * they have no observations; once they have some, they are listed as anyone. Only the site's
 * admins may say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberView } from '../../shared/accounts';
import type { LiveScores } from '../../shared/protocol';
import { DEMO_PASSWORD } from '../../server/demo/seed';
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

describe.each(await storeKinds())('members who do not answer chats (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  const sockets: AgentClient[] = [];
  let key: string;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage });
    const rotated = await callOn<{ key: string }>(server, 'POST', '/api/v1/sites/demo/key', {
      token: TEST_ADMIN_TOKEN,
    });
    key = rotated.body.key;
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  const call = <T = Record<string, unknown>>(method: string, path: string, options?: CallOptions) =>
    callOn<T>(server, method, path, options);
  const signIn = async (email: string) =>
    (await call('POST', '/api/v1/session', { body: { email, password: DEMO_PASSWORD } })).cookie!;
  const listed = async () => {
    const scores = await call<LiveScores>('GET', '/api/v1/sites/demo/scores', { token: key });
    expect(scores.status).toBe(200);
    return scores.body.agents.map((row) => row.agentId);
  };

  it('leaves out a member who does not answer chats until they have observations', async () => {
    const dana = await signIn('dana@demo.peakend.test');
    expect(await listed()).toContain('dana');
    const members = await call<{ members: MemberView[] }>('GET', '/api/v1/sites/demo/members', {
      cookie: dana,
    });
    expect(members.body.members.every((m) => m.answersChats)).toBe(true);

    const changed = await call<MemberView>('PATCH', '/api/v1/sites/demo/members/dana', {
      cookie: dana,
      body: { answersChats: false },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ agentId: 'dana', role: 'admin', answersChats: false });
    expect(await listed()).not.toContain('dana');
    expect(await listed()).toContain('ben');

    // The live scores of a console say the same.
    const anna = agentSocket(server.url, await signIn('anna@demo.peakend.test'));
    sockets.push(anna);
    await next(anna, 'connect');
    const live = data(await anna.emitWithAck('scores:get', {}));
    expect(live.agents.map((row) => row.agentId)).not.toContain('dana');

    // Once Dana has observations of her own (she answered a chat after all), she is listed.
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000).toISOString();
    const sent = await call('POST', '/api/v1/sites/demo/events', {
      token: key,
      body: {
        events: [
          { id: 'ac-v', conversationId: 'ac', at: at(0), type: 'message', from: 'visitor' },
          {
            id: 'ac-a',
            conversationId: 'ac',
            at: at(5),
            type: 'message',
            from: 'agent',
            agentId: 'dana',
          },
          // Her wait's observation is judged at the close.
          { id: 'ac-c', conversationId: 'ac', at: at(10), type: 'conversation.closed' },
        ],
      },
    });
    expect(sent.status).toBe(200);
    expect(await listed()).toContain('dana');

    // Back on: listed whatever her evidence, as before.
    const back = await call<MemberView>('PATCH', '/api/v1/sites/demo/members/dana', {
      cookie: dana,
      body: { answersChats: true },
    });
    expect(back.body.answersChats).toBe(true);
  });

  it('refuses an empty change, and anyone but an admin', async () => {
    const dana = await signIn('dana@demo.peakend.test');
    const empty = await call('PATCH', '/api/v1/sites/demo/members/ben', {
      cookie: dana,
      body: {},
    });
    expect(empty.status).toBe(400);
    // The attack: a supervisor hides an agent from the scores.
    const anna = await signIn('anna@demo.peakend.test');
    const refused = await call('PATCH', '/api/v1/sites/demo/members/ben', {
      cookie: anna,
      body: { answersChats: false },
    });
    expect(refused.status).toBe(403);
    expect(await listed()).toContain('ben');
  });
});
