/**
 * The live scoreboard counts each change of evidence exactly once, even when changes are
 * committed while a site's board is being built from storage.
 */
import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../server/pipeline/pipeline';
import { Scoreboards } from '../../server/scores/scoreboard';
import { silentLogger } from '../../server/logger';
import type { EvidenceChange, RecordResult, Site, Store } from '../../server/storage/store';
import type { ConversationEvidence } from '../../shared/scoring/observations';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const now = Date.parse('2026-11-23T12:00:00Z');
const site: Site = {
  id: 's',
  name: 'S',
  allowedOrigins: [],
  settings: DEFAULT_SETTINGS,
  keyHash: null,
  createdAt: 0,
};

/** A conversation's evidence: one experience observation for Anna, and her rating. */
const rated = (conversationId: string, end: number): ConversationEvidence => ({
  observations: [
    {
      subject: 'anna',
      dimension: 'experience',
      value: (end - 1) / 4,
      weight: 1,
      at: now - 1000,
      cause: { kind: 'rating', conversationId, factId: `${conversationId}-r` },
    },
  ],
  rating: { agentId: 'anna', end, at: now - 1000 },
});

describe('Scoreboards', () => {
  it('counts changes made during a build once, whether or not the snapshot has them', async () => {
    // c1 was rated before the snapshot was read; c2 after it. Both changes reach the board
    // while it is being built.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const changes: EvidenceChange[] = [
      { conversationId: 'c1', before: null, after: rated('c1', 5) },
      { conversationId: 'c2', before: null, after: rated('c2', 1) },
    ];
    const store = {
      siteEvidence: async () => {
        await gate;
        // Keys in another order, as a JSONB column may return them.
        const { rating, observations } = rated('c1', 5);
        return [{ conversationId: 'c1', evidence: { rating, observations } }];
      },
      listAgents: async () => [
        {
          siteId: 's',
          id: 'anna',
          name: 'Anna',
          email: null,
          role: 'agent' as const,
          createdAt: 0,
        },
      ],
      recordFacts: async (): Promise<RecordResult> => ({
        accepted: [],
        duplicates: 0,
        conversations: [],
        evidence: [],
      }),
    } as unknown as Store;
    const pipeline = new Pipeline(store);
    const boards = new Scoreboards(store, { now: () => now }, silentLogger);
    boards.attach(pipeline);

    const reading = boards.scores(site);
    // What the pipeline announces after each commit (accepted facts make it announce).
    const announce = (change: EvidenceChange) =>
      (pipeline as unknown as { listeners: Set<(r: unknown) => void> }).listeners.forEach((l) =>
        l({ site, accepted: [{}], duplicates: 0, conversations: [], evidence: [change] }),
      );
    changes.forEach(announce);
    release();

    const scores = await reading;
    const anna = scores.agents.find((a) => a.agentId === 'anna')!;
    expect(anna.experience.n).toBe(2);
    expect(anna.csat).toEqual({ value: 50, n: 2 });
    expect(scores.site.experience.n).toBe(2);
  });

  it('takes the live team mean over the agents only, not the unassigned bucket', async () => {
    // A visitor nobody answered for 10 minutes, nobody assigned: q = 0.2 on the unassigned bucket.
    const unanswered: ConversationEvidence = {
      observations: [
        {
          subject: null,
          dimension: 'responsiveness',
          value: 0.2,
          weight: 1,
          at: now - 1000,
          cause: { kind: 'wait', conversationId: 'c3', factId: 'c3-close', seconds: 600 },
        },
      ],
      rating: null,
    };
    const store = {
      siteEvidence: async () => [
        { conversationId: 'c1', evidence: rated('c1', 5) },
        { conversationId: 'c3', evidence: unanswered },
      ],
      listAgents: async () => [
        {
          siteId: 's',
          id: 'anna',
          name: 'Anna',
          email: null,
          role: 'agent' as const,
          createdAt: 0,
        },
      ],
    } as unknown as Store;
    const boards = new Scoreboards(store, { now: () => now }, silentLogger);
    const scores = await boards.scores(site);
    const anna = scores.agents.find((a) => a.agentId === 'anna')!;
    expect(scores.agents.map((a) => a.agentId)).toEqual(['anna']);
    // Anna has no wait of her own: she scores the agents' mean, 0.5 without any (not 100 · 0.2).
    expect(anna.responsiveness).toMatchObject({ n: 0, score: 50, team: { score: 50, weight: 4 } });
    expect(scores.site.responsiveness).toMatchObject({ n: 1 });
    // The site's own figure counts it: S = 0.2, F = 2 · 0.8, 100 · 0.2 / 1.8.
    expect(scores.site.responsiveness.score).toBeCloseTo(100 / 9, 10);
    boards.close();
  });
});
