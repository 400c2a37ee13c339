/**
 * The Chatwoot adapter's pure parts: what a payload means in facts, whichever of Chatwoot's
 * shapes it comes in (message_type as an integer or a name, times as epoch seconds or ISO,
 * changed_attributes null or a list), and its signature check.
 */
import { describe, expect, it } from 'vitest';
import { ZFact } from '../../shared/facts';
import { mapChatwootPayload } from '../../server/integrations/chatwoot/mapping';
import { ZChatwootPayload } from '../../server/integrations/chatwoot/payload';
import { checkChatwootSignature, signChatwoot } from '../../server/integrations/chatwoot/signature';

const T = Date.parse('2026-11-30T10:00:00.000Z');
const anna = { id: 31, name: ' Anna Jansen ', email: 'anna@k.test', type: 'user' };

const conversation = (extra: Record<string, unknown> = {}) => ({
  id: 42,
  inbox_id: 12,
  status: 'open',
  created_at: T / 1000,
  updated_at: T / 1000 + 0.75,
  timestamp: T / 1000,
  messages: [],
  meta: { sender: { name: 'Jo', email: 'JO@example.com' }, assignee: null },
  ...extra,
});

const map = (payload: unknown) => {
  const parsed = ZChatwootPayload.parse(payload);
  const mapping = mapChatwootPayload(parsed);
  return { ...mapping, facts: mapping.facts.map((fact) => ZFact.parse(fact)) };
};

describe('mapping Chatwoot payloads to facts', () => {
  it('makes one fact of a message, whether it comes at the top level or inside a conversation', () => {
    const top = map({
      event: 'message_created',
      id: 900,
      content: 'Hi',
      created_at: new Date(T + 5_678).toISOString(),
      message_type: 'outgoing',
      private: false,
      sender: anna,
      account: { id: 7, name: 'K' },
      inbox: { id: 12, name: 'Web' },
      conversation: conversation(),
    });
    const inside = map({
      ...conversation({
        messages: [
          {
            id: 900,
            content: 'Hi',
            account_id: 7,
            message_type: 1,
            created_at: Math.floor((T + 5_678) / 1000),
            private: false,
            sender_type: 'User',
            sender: { id: 31, name: 'Anna Jansen', type: 'user' },
          },
        ],
      }),
      event: 'conversation_updated',
      changed_attributes: null,
    });
    expect(top.facts).toEqual([
      {
        id: 'cw.7.12.42.2.m000000000900',
        conversationId: 'cw.7.12.42',
        type: 'message',
        at: T + 5_000,
        from: 'agent',
        agentId: 'chatwoot.31',
        agentName: 'Anna Jansen',
        text: 'Hi',
      },
    ]);
    expect(inside.facts).toEqual(top.facts);
    expect(top.answered).toEqual(['cw.7.12.42']);
  });

  it('keys conversations by account and inbox: the same display id elsewhere is another one', () => {
    const message = (account: number, inbox: number) =>
      map({
        event: 'message_created',
        id: 1,
        created_at: new Date(T).toISOString(),
        message_type: 'incoming',
        sender: { id: 5, name: 'Jo', type: 'contact' },
        account: { id: account },
        inbox: { id: inbox },
        conversation: conversation({ inbox_id: inbox }),
      }).facts[0]!.conversationId;
    expect(new Set([message(7, 12), message(8, 12), message(7, 13)]).size).toBe(3);
  });

  it('skips private notes, bots, activity and templates, and conversations with no account yet', () => {
    const message = (over: Record<string, unknown>) =>
      map({
        event: 'message_created',
        id: 3,
        created_at: new Date(T).toISOString(),
        message_type: 'outgoing',
        private: false,
        sender: anna,
        account: { id: 7 },
        conversation: conversation(),
        ...over,
      });
    expect(message({ private: true }).facts).toEqual([]);
    expect(message({ sender: { id: 2, name: 'Bot', type: 'agent_bot' } }).facts).toEqual([]);
    expect(message({ sender: null }).facts).toEqual([]);
    expect(message({ message_type: 'activity' }).facts).toEqual([]);
    expect(message({ message_type: 'template' }).facts).toEqual([]);
    expect(message({ message_type: 'something new' }).facts).toEqual([]);
    const early = map({ ...conversation(), event: 'conversation_created' });
    expect(early.facts).toEqual([]);
    expect(early.skipped[0]).toMatch(/no account id/);
  });

  it('closes on resolved, holds a reopen from resolved, and ignores pending to open', () => {
    const status = (changed: unknown, status = 'open') =>
      map({
        ...conversation({
          status,
          account_id: 7,
        }),
        event: 'conversation_status_changed',
        changed_attributes: changed,
      });
    const closed = status([{ status: { previous_value: 'open', current_value: 'resolved' } }]);
    expect(closed.facts.map((f) => [f.type, f.at])).toEqual([['conversation.closed', T]]);
    const reopened = status([{ status: { previous_value: 'resolved', current_value: 'open' } }]);
    expect(reopened.facts).toEqual([]);
    expect(reopened.reopens).toEqual([
      { conversationId: 'cw.7.12.42', factId: `cw.7.12.42.1.reopened.${T / 1000}`, at: T },
    ]);
    expect(
      status([{ status: { previous_value: 'pending', current_value: 'open' } }]).reopens,
    ).toEqual([]);
    // changed_attributes null: the conversation's own status says.
    expect(status(null, 'resolved').facts.map((f) => f.type)).toEqual(['conversation.closed']);
  });

  it('assigns on a new assignee, named after them', () => {
    const updated = map({
      ...conversation({ account_id: 7, meta: { assignee: anna } }),
      event: 'conversation_updated',
      changed_attributes: [{ assignee_id: { previous_value: null, current_value: 31 } }],
    });
    expect(updated.facts).toEqual([
      expect.objectContaining({
        type: 'conversation.assigned',
        agentId: 'chatwoot.31',
        agentName: 'Anna Jansen',
        at: T,
      }),
    ]);
  });

  it('rates from the CSAT answer: end is the rating, comment the feedback', () => {
    const csat = map({
      event: 'message_updated',
      id: 77,
      content: 'Please rate',
      content_type: 'input_csat',
      content_attributes: {
        submitted_values: { csat_survey_response: { rating: 2, feedback_message: ' Slow ' } },
      },
      created_at: new Date(T).toISOString(),
      message_type: 'template',
      private: false,
      sender: null,
      account: { id: 7 },
      inbox: { id: 12 },
      conversation: conversation({ status: 'resolved' }),
    });
    expect(csat.facts).toEqual([
      {
        id: `cw.7.12.42.4.csat.77.${T + 750}`,
        conversationId: 'cw.7.12.42',
        type: 'rating',
        at: T + 750,
        end: 2,
        comment: 'Slow',
        // The survey is answered at once: webhooks tell it without waiting.
        finished: true,
      },
    ]);
  });
});

describe('Chatwoot times', () => {
  it('reads epoch seconds and ISO alike, and refuses what is no time', () => {
    const time = (created_at: unknown) =>
      ZChatwootPayload.safeParse({
        event: 'message_created',
        id: 1,
        created_at,
        message_type: 'incoming',
        conversation: conversation(),
      });
    expect(time(T / 1000).data?.created_at).toBe(T);
    expect(time(new Date(T).toISOString()).data?.created_at).toBe(T);
    expect(time(String(T / 1000)).data?.created_at).toBe(T);
    for (const bad of [1e20, -1, 0, 'yesterday', null]) expect(time(bad).success).toBe(false);
  });
});

describe('Chatwoot signatures', () => {
  const body = Buffer.from('{"event":"message_created"}');
  const now = T;
  const timestamp = String(T / 1000);
  const headers = (secret: string, ts = timestamp) => ({
    timestamp: ts,
    signature: signChatwoot(secret, ts, body),
  });

  it('accepts HMAC-SHA256 of "timestamp.body" as sha256=hex', () => {
    expect(headers('s3cret-1234').signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(checkChatwootSignature('s3cret-1234', headers('s3cret-1234'), body, now)).toBe('valid');
  });

  it('refuses another secret, another body, a missing header and an old timestamp', () => {
    expect(checkChatwootSignature('s3cret-1234', headers('other-secret'), body, now)).toBe(
      'invalid',
    );
    expect(
      checkChatwootSignature('s3cret-1234', headers('s3cret-1234'), Buffer.from('{}'), now),
    ).toBe('invalid');
    expect(
      checkChatwootSignature('s3cret-1234', { timestamp, signature: undefined }, body, now),
    ).toBe('missing');
    const old = String(T / 1000 - 301);
    expect(checkChatwootSignature('s3cret-1234', headers('s3cret-1234', old), body, now)).toBe(
      'stale',
    );
  });
});
