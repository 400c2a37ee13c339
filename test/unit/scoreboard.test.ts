/**
 * The live scoreboard counts each change exactly once, even when changes are delivered while a
 * site's board is being built from storage.
 */
import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../server/pipeline/feed';
import { Scoreboards } from '../../server/scores/scoreboard';
import { silentLogger } from '../../server/logger';
import { scoreDelta, type Change } from '../../server/storage/changes';
import type { Site, Store } from '../../server/storage/store';
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

/** A store without saved boards, that saves none. */
const noCheckpoints = {
  loadCheckpoint: async () => null,
  saveCheckpoint: async () => undefined,
  pruneChanges: async () => undefined,
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
  it('counts every change once when changes arrive while the board is built', async () => {
    // Changes 1 and 2 were committed before the snapshot was read (it holds them); 3 and 4
    // after. All four reach the board while it is being built, and one more (5) in the same
    // turn as the build ends: each must count once (the race: 5 was lost, n = 1).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const change = (seq: number, id: string, end: number): Change => ({
      siteId: 's',
      seq,
      at: now,
      kind: 'conversation',
      conversationId: id,
      version: 1,
      score: scoreDelta(null, rated(id, end)),
    });
    const store = {
      scoreSnapshot: async () => {
        await gate;
        return {
          seq: 2,
          evidence: [
            { conversationId: 'c1', evidence: rated('c1', 5) },
            { conversationId: 'c2', evidence: rated('c2', 5) },
          ],
        };
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
      listSites: async () => [site],
      lastChange: async () => 0,
      changesSince: async () => [],
      ...noCheckpoints,
    } as unknown as Store;
    const feed = new ChangeFeed(store, silentLogger);
    const boards = new Scoreboards(store, { now: () => now }, silentLogger);
    boards.attach(feed);

    const reading = boards.scores(site);
    await feed.committed(site, [change(1, 'c1', 5), change(2, 'c2', 5)]);
    await feed.committed(site, [change(3, 'c3', 1), change(4, 'c4', 1)]);
    release();
    void feed.committed(site, [change(5, 'c5', 1)]);

    const scores = await reading;
    await feed.idle();
    const again = await boards.scores(site);
    const anna = again.agents.find((a) => a.agentId === 'anna')!;
    expect(anna.experience.n).toBe(5);
    expect(anna.csat).toEqual({ value: 40, n: 5 });
    expect(scores.site.experience.n).toBeGreaterThanOrEqual(4);
    await boards.close();
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
      ...noCheckpoints,
      scoreSnapshot: async () => ({
        seq: 0,
        evidence: [
          { conversationId: 'c1', evidence: rated('c1', 5) },
          { conversationId: 'c3', evidence: unanswered },
        ],
      }),
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
    await boards.close();
  });
});
