/**
 * Which name facts give an agent (the latest by the fact's time), and when two names read alike
 * (issue 12, §4): the rules the store applies to names an integrator sends.
 */
import { describe, expect, it } from 'vitest';
import { ZFact, type Fact } from '../../shared/facts';
import { nameLikeness, namingsOf } from '../../server/storage/agent-names';

const fact = (id: string, minute: number, extra: Record<string, unknown>): Fact =>
  ZFact.parse({
    id,
    conversationId: 'c1',
    at: new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString(),
    type: 'message',
    from: 'agent',
    agentId: 'ben.zd@kestrel',
    ...extra,
  });

describe('names carried on facts', () => {
  it('takes the latest by the fact’s own time, then by id, whatever the order given', () => {
    const facts = [
      fact('b', 5, { agentName: 'Ben (late)' }),
      fact('a', 1, { agentName: 'Ben (early)', agentAvatarUrl: 'https://cdn.example/b.png' }),
      fact('c', 5, { agentName: 'Ben (late, c)' }),
      fact('d', 9, {}), // no name: names nothing
    ];
    expect(namingsOf(facts)).toEqual([
      {
        agentId: 'ben.zd@kestrel',
        name: 'Ben (late, c)',
        avatarUrl: undefined,
        at: Date.UTC(2026, 10, 30, 9, 5),
      },
    ]);
    expect(namingsOf([...facts].reverse())).toEqual(namingsOf(facts));
  });

  it('reads names alike whatever their case, width, accents, spacing or invisible characters', () => {
    const anna = nameLikeness('Anna Jansen');
    for (const alike of [
      'anna jansen',
      ' ANNA  JANSEN ',
      'Anna\u200bJansen',
      'Ａｎｎａ Jansen',
      'Anna Jänsen',
      'Anna Ja\u0308nsen',
    ]) {
      expect(nameLikeness(alike), alike).toBe(anna);
    }
    expect(nameLikeness('Anna Jansen-Smit')).not.toBe(anna);
  });

  it('refuses names with control characters or direction overrides, and pictures not on https', () => {
    for (const agentName of ['Ben\u0000', 'Ben\u0007', 'Ben\u202e', 'Ben\u2066x', 'Ben\nX']) {
      expect(() => fact('x', 1, { agentName })).toThrow();
    }
    for (const agentAvatarUrl of ['http://cdn.example/b.png', 'javascript:alert(1)', 'data:,x']) {
      expect(() => fact('x', 1, { agentName: 'Ben', agentAvatarUrl })).toThrow();
    }
    expect(fact('x', 1, { agentName: '  Ben de Vries  ' })).toMatchObject({
      agentName: 'Ben de Vries',
    });
  });
});
