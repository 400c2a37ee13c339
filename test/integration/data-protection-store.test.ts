/**
 * Data deletion in both stores (decisions.md, "Data deletion"): a visitor's conversations, or
 * those past the site's retention, lose what people wrote and who they are, everywhere it was
 * kept (facts, derived state, follow-up items, the search index), while times, structure and
 * every score stay exactly as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../shared/facts';
import { DAY, MINUTE } from '../../shared/time';
import type { Site, Store } from '../../server/storage/store';
import {
  createTestStorage,
  skipPostgres,
  type StoreKind,
  type TestStorage,
} from '../support/stores';
import { conversationFacts, siteMaker } from '../support/sites';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const skip = { sqlite: false, postgres: await skipPostgres() };

/** Words that appear only in what the tests redact. */
const SECRET = ['zanzibar', 'quokka', 'marmalade', 'sam@customer.example', 'Sam Visitor'];

/** A conversation of `visitorId` with everything deletion takes out, and scores to keep. */
function personalConversation(conversationId: string, visitorId: string, t0: number): Fact[] {
  const f = conversationFacts(conversationId, t0);
  return [
    f(0, {
      type: 'conversation.opened',
      visitorId,
      segment: 'business',
      attributes: { plan: 'zanzibar' },
      contact: { email: 'sam@customer.example', name: 'Sam Visitor' },
      visit: {
        pageUrl: 'https://shop.example/orders/quokka',
        pageTitle: 'Order quokka',
        referrer: 'https://search.example/?q=quokka',
        language: 'nl-NL',
        timeZone: 'Europe/Amsterdam',
        device: 'desktop',
      },
    }),
    f(1, { type: 'message', from: 'visitor', text: 'Where is my zanzibar parcel?' }),
    f(3, { type: 'message', from: 'agent', agentId: 'anna', text: 'Let me look, quokka' }),
    f(4, {
      type: 'promise.made',
      promiseId: 'p1',
      agentId: 'anna',
      dueAt: t0 + 10 * MINUTE,
      text: 'Email the marmalade link',
    }),
    f(30, { type: 'conversation.closed', agentId: 'anna' }),
    f(31, {
      type: 'rating',
      end: 1,
      peak: { dimension: 'reliability', polarity: 'negative' },
      comment: 'Nobody sent the marmalade link',
      contact: { email: 'sam@customer.example' },
    }),
  ];
}

for (const kind of ['sqlite', 'postgres'] as const satisfies StoreKind[]) {
  describe.skipIf(skip[kind])(`data deletion on the ${kind} store`, () => {
    let storage: TestStorage;
    let store: Store;
    const newSite = siteMaker(() => store, 'dp-site', T0);
    const LATER = T0 + 60 * DAY;

    beforeAll(async () => {
      storage = await createTestStorage(kind);
      store = await storage.open();
    });

    afterAll(async () => {
      await store?.close();
      await storage?.remove();
    });

    /** Everything scores are made of, and what reads them give. */
    const scores = async (site: Site) => ({
      evidence: (await store.scoreSnapshot(site.id)).evidence.sort((a, b) =>
        a.conversationId.localeCompare(b.conversationId),
      ),
      sums: await store.sumsAt(site.id, LATER, site.settings),
      segments: await store.segmentSumsAt(site.id, LATER, site.settings),
      ratings: await store.countedRatings(site.id),
      observations: await store.recentObservations(site.id, 'anna', 100),
      trends: await store.trendPoints(site.id, [T0 + DAY, LATER], site.settings),
    });

    /** Everything stored of one conversation, as text. */
    const storedOf = async (site: Site, conversationId: string) =>
      JSON.stringify([
        await store.listFacts(site.id, conversationId),
        await store.getConversation(site.id, conversationId),
        (await store.listFollowups(site.id, { until: LATER, limit: 50 })).filter(
          (item) => item.conversationId === conversationId,
        ),
      ]);

    it("redacts one visitor's conversations everywhere, and keeps every score and the other visitors' text", async () => {
      const site = await newSite();
      await store.createWebhook({
        id: `wh_${site.id}`,
        siteId: site.id,
        url: 'https://hooks.example/in',
        kind: 'standard',
        events: ['rating.saved', 'followup.created', 'followup.updated'],
        secret: 'whsec_test',
        enabled: true,
        disabledReason: null,
        failingSince: null,
        createdAt: T0,
        updatedAt: T0,
      });
      const outbox = async () =>
        JSON.stringify(await store.listDeliveries(site.id, `wh_${site.id}`, { limit: 100 }));
      const mine = [
        ...personalConversation('c1', 'v1', T0),
        ...personalConversation('c2', 'v1', T0 + DAY),
      ];
      const theirs = personalConversation('c3', 'v2', T0 + 2 * DAY);
      await store.recordFacts(site, [...mine, ...theirs]);
      const before = await scores(site);
      expect(await storedOf(site, 'c1')).toContain('marmalade');
      expect(await outbox()).toContain('Nobody sent the marmalade link');
      const found = await store.listHistory(site.id, { words: ['zanzibar'], limit: 10 });
      expect(found.map((entry) => entry.state.id).sort()).toEqual(['c1', 'c2', 'c3']);

      const redaction = await store.redactVisitor(site, 'v1', LATER);
      expect(redaction.conversationIds.sort()).toEqual(['c1', 'c2']);
      expect(redaction.facts).toBe(10);
      expect(redaction.changes.map((c) => c.kind)).toEqual(['conversation', 'conversation']);

      for (const id of ['c1', 'c2']) {
        const stored = await storedOf(site, id);
        for (const word of SECRET) expect(stored).not.toContain(word);
        // Times and structure stay: every fact, with its id, type and time.
        const facts = await store.listFacts(site.id, id);
        expect(facts.map((fact) => [fact.id, fact.type, fact.at])).toEqual(
          mine.filter((f) => f.conversationId === id).map((fact) => [fact.id, fact.type, fact.at]),
        );
        expect(facts[0]).toMatchObject({
          visitorId: 'v1',
          segment: 'business',
          visit: { language: 'nl-NL', timeZone: 'Europe/Amsterdam', device: 'desktop' },
        });
        expect(facts.at(-1)).toMatchObject({
          type: 'rating',
          end: 1,
          peak: { polarity: 'negative' },
        });
      }
      expect(await storedOf(site, 'c3')).toContain('marmalade');
      // The webhooks' outbox: the bodies about c1 and c2 lose it too, c3's keep it.
      const sent = await store.listDeliveries(site.id, `wh_${site.id}`, { limit: 100 });
      for (const delivery of sent) {
        const about = (JSON.parse(delivery.payload) as { data: { conversationId: string } }).data
          .conversationId;
        if (about === 'c3') expect(delivery.payload).toContain('marmalade');
        else for (const word of SECRET) expect(delivery.payload).not.toContain(word);
      }
      expect(sent.length).toBeGreaterThan(2);
      // The search index keeps none of the redacted text, and still finds the rest.
      for (const word of ['zanzibar', 'quokka', 'marmalade']) {
        const hits = await store.listHistory(site.id, { words: [word], limit: 10 });
        expect(hits.map((entry) => entry.state.id)).toEqual(['c3']);
      }
      expect(await scores(site)).toEqual(before);

      // Again: nothing left to take out, nothing changes.
      expect((await store.redactVisitor(site, 'v1', LATER)).facts).toBe(0);
      expect(await scores(site)).toEqual(before);
    });

    it('takes an event sent again after deletion as the duplicate it is, without its text coming back', async () => {
      const site = await newSite();
      const facts = personalConversation('c1', 'v1', T0);
      await store.recordFacts(site, facts);
      await store.redactVisitor(site, 'v1', LATER);
      const again = await store.recordFacts(site, facts, { refuseChangedRepeats: true });
      expect(again).toMatchObject({ accepted: [], duplicates: facts.length });
      expect(await storedOf(site, 'c1')).not.toContain('marmalade');
    });

    it('redacts only conversations quiet for longer than the retention, once, however many sweep at once', async () => {
      const site = await newSite({
        settings: { ...(await newSite()).settings, retentionDays: 30 },
      });
      const old = Array.from({ length: 5 }, (_, i) =>
        personalConversation(`old${i}`, `v${i}`, T0 + i * MINUTE),
      ).flat();
      const recent = personalConversation('recent', 'v9', T0 + 40 * DAY);
      await store.recordFacts(site, [...old, ...recent]);
      const before = await scores(site);
      const cutoff = T0 + 35 * DAY;

      // Two sweeps at once, in chunks of two: each conversation is redacted by exactly one.
      const sweep = async () => {
        const done: string[] = [];
        for (;;) {
          const chunk = await store.redactQuiet(site, cutoff, 2, LATER);
          done.push(...chunk.conversationIds);
          if (chunk.conversationIds.length < 2) return done;
        }
      };
      const [a, b] = await Promise.all([sweep(), sweep()]);
      expect([...a, ...b].sort()).toEqual(['old0', 'old1', 'old2', 'old3', 'old4']);
      for (let i = 0; i < 5; i++) expect(await storedOf(site, `old${i}`)).not.toContain('quokka');
      expect(await storedOf(site, 'recent')).toContain('quokka');
      expect(await scores(site)).toEqual(before);
      expect((await store.redactQuiet(site, cutoff, 2, LATER)).conversationIds).toEqual([]);

      // Derived again (a settings change): looked at once more, with nothing left to write.
      await store.rederiveChunk(site, '');
      const again = await store.redactQuiet(site, cutoff, 10, LATER);
      expect(again.conversationIds).toHaveLength(5);
      expect(again).toMatchObject({ facts: 0, changes: [] });

      // A late fact with text writes the conversation again: the next sweep takes it again.
      const late = conversationFacts('old0', T0)(32, {
        type: 'message',
        from: 'visitor',
        text: 'quokka again',
      });
      await store.recordFacts(site, [{ ...late, id: 'old0-late' }]);
      expect((await store.redactQuiet(site, cutoff, 10, LATER)).conversationIds).toEqual(['old0']);
      expect(await storedOf(site, 'old0')).not.toContain('quokka');
    });

    it("never touches another site's conversations of a visitor with the same id", async () => {
      const mine = await newSite();
      const other = await newSite();
      await store.recordFacts(mine, personalConversation('c1', 'v1', T0));
      await store.recordFacts(other, personalConversation('c1', 'v1', T0));
      expect((await store.redactVisitor(mine, 'v1', LATER)).conversationIds).toEqual(['c1']);
      expect(await storedOf(other, 'c1')).toContain('marmalade');
      expect(
        (await store.listHistory(other.id, { words: ['marmalade'], limit: 5 })).map(
          (entry) => entry.state.id,
        ),
      ).toEqual(['c1']);
    });
  });
}
