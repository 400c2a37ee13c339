/**
 * The follow-up queue's items, as both stores make them: one per conversation and cause, made in
 * the transaction that derives the conversation, withdrawn by an amendment only while new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
/** Far enough ahead that every cause of these tests is shown. */
const LATER = T0 + 30 * DAY;

const skip = { sqlite: false, postgres: await skipPostgres() };

for (const kind of ['sqlite', 'postgres'] as const satisfies StoreKind[]) {
  describe.skipIf(skip[kind])(`follow-up items on the ${kind} store`, () => {
    let storage: TestStorage;
    let store: Store;
    const newSite = siteMaker(() => store, 'fu-site', T0);
    /** Facts of one conversation, at minutes after T0. */
    const conversation = (conversationId: string) => conversationFacts(conversationId, T0);

    /** A chat Anna answered and closed. */
    const answered = (f: ReturnType<typeof conversation>) => [
      f(0, { type: 'message', from: 'visitor', text: 'Where is my parcel?' }),
      f(1, { type: 'message', from: 'agent', agentId: 'anna', text: 'Let me look' }),
      f(2, { type: 'conversation.closed', agentId: 'anna' }),
    ];

    const list = (site: Site, query: Partial<Parameters<Store['listFollowups']>[1]> = {}) =>
      store.listFollowups(site.id, { until: LATER, limit: 50, ...query });

    beforeAll(async () => {
      storage = await createTestStorage(kind);
      store = await storage.open();
    });

    afterAll(async () => {
      await store?.close();
      await storage?.remove();
    });

    it('makes one item for a bad ending, follows its amendments while new, and withdraws it when lifted', async () => {
      const site = await newSite();
      const f = conversation('c1');
      const facts = [...answered(f), f(3, { type: 'rating', end: 2, comment: 'Slow' })];
      const first = await store.recordFacts(site, facts);
      expect(first.changes.filter((c) => c.kind === 'followup')).toHaveLength(1);
      // The same facts again, and a rederivation: still one item.
      await store.recordFacts(site, facts);
      await store.rederiveChunk(site, '');
      const [item, ...rest] = await list(site);
      expect(rest).toEqual([]);
      expect(item).toMatchObject({
        conversationId: 'c1',
        cause: 'rating',
        agentId: 'anna',
        status: 'new',
        reason: { cause: 'rating', rating: { end: 2, comment: 'Slow', unhandled: false } },
      });

      // Amended within the window to a face still bad: the item shows the latest version.
      await store.recordFacts(site, [
        f(4, { type: 'rating', end: 1, peak: { dimension: 'empathy', polarity: 'negative' } }),
      ]);
      expect((await list(site))[0]).toMatchObject({
        id: item?.id,
        reason: { rating: { end: 1, peak: { dimension: 'empathy', polarity: 'negative' } } },
      });

      // Lifted above the threshold: withdrawn, and every node hears of it.
      const lifted = await store.recordFacts(site, [f(5, { type: 'rating', end: 4 })]);
      expect(lifted.changes).toContainEqual(
        expect.objectContaining({ kind: 'followup', followupId: item?.id, members: ['anna'] }),
      );
      expect(await list(site)).toEqual([]);
    });

    it('makes the items of a batch larger than one statement may carry', async () => {
      const site = await newSite();
      // 2,500 bad endings in one call: 15 columns each are more parameters than SQLite takes.
      const facts = Array.from({ length: 2_500 }, (_, i) => {
        const f = conversation(`bulk-${i}`);
        return [...answered(f), f(3, { type: 'rating', end: 1 })];
      }).flat();
      await store.recordFacts(site, facts);
      const counts = await store.followupCounts(site.id, LATER);
      expect(counts.newCount).toBe(2_500);
    });

    it('keeps an item someone already contacted the visitor about when the rating is amended', async () => {
      const site = await newSite();
      const f = conversation('c2');
      await store.recordFacts(site, [...answered(f), f(3, { type: 'rating', end: 1 })]);
      const [item] = await list(site);
      const { changes } = await store.changeFollowup(site.id, item!.id, T0, (found) => ({
        ...found,
        status: 'contacted',
      }));
      expect(changes).toMatchObject([{ kind: 'followup', followupId: item!.id }]);

      // The attack: amend the rating to lift it, hoping to make the item vanish.
      await store.recordFacts(site, [f(4, { type: 'rating', end: 5 })]);
      expect(await list(site)).toMatchObject([
        { id: item!.id, status: 'contacted', reason: { rating: { end: 1 } } },
      ]);
    });

    it('makes items for unhandled bad ratings and bad peaks, none for excluded ones', async () => {
      const site = await newSite();
      const a = conversation('unhandled');
      await store.recordFacts(site, [
        a(0, { type: 'message', from: 'visitor', text: 'Hello?' }),
        a(9, { type: 'rating', end: 1 }),
      ]);
      const b = conversation('flood');
      await store.recordFacts(site, [
        ...answered(b),
        b(3, { type: 'rating', end: 1, excluded: 'flood' }),
      ]);
      const c = conversation('member');
      await store.recordFacts(site, [
        ...answered(c),
        c(3, { type: 'rating', end: 1, excluded: 'member' }),
      ]);
      const d = conversation('peak');
      await store.recordFacts(site, [
        ...answered(d),
        d(3, {
          type: 'rating',
          end: 4,
          peak: { dimension: 'responsiveness', polarity: 'negative' },
        }),
      ]);
      const e = conversation('fine');
      await store.recordFacts(site, [...answered(e), e(3, { type: 'rating', end: 3 })]);

      const items = await list(site);
      expect(items.map((i) => i.conversationId).sort()).toEqual(['peak', 'unhandled']);
      expect(items.find((i) => i.conversationId === 'unhandled')).toMatchObject({
        agentId: null,
        reason: { rating: { unhandled: true } },
      });
    });

    it('makes an item per broken promise, counting or not, shown from its due time', async () => {
      const site = await newSite();
      const f = conversation('c3');
      const promise = (id: string, minutes: number) =>
        f(minutes, {
          type: 'promise.made',
          promiseId: id,
          agentId: 'anna',
          dueAt: T0 + 60 * MINUTE,
          text: `Promise ${id}`,
        });
      // Four promises: the fourth does not count (maxPromisesPerConversation 3) but still breaks.
      await store.recordFacts(site, [
        f(0, { type: 'message', from: 'visitor', text: 'Help' }),
        f(1, { type: 'message', from: 'agent', agentId: 'anna', text: 'Sure' }),
        promise('p1', 2),
        promise('p2', 3),
        promise('p3', 4),
        promise('p4', 5),
        f(30, { type: 'promise.kept', promiseId: 'p1' }),
        f(90, { type: 'promise.kept', promiseId: 'p2' }), // late: still broken
      ]);
      const dueAt = T0 + 60 * MINUTE;
      // Before the due time nothing shows, and the console learns when something will.
      expect(await list(site, { until: dueAt - 1 })).toEqual([]);
      expect(await store.followupCounts(site.id, dueAt - 1)).toEqual({
        newCount: 0,
        nextAt: dueAt,
      });
      const items = await list(site, { until: dueAt });
      expect(items.map((i) => i.causeKey).sort()).toEqual([
        'promise:p2',
        'promise:p3',
        'promise:p4',
      ]);
      expect(items.every((i) => i.at === dueAt && i.agentId === 'anna')).toBe(true);
      expect(await store.followupCounts(site.id, dueAt)).toEqual({ newCount: 3, nextAt: null });

      // A keep in time that arrives late (a helpdesk's delayed event) withdraws the new item.
      await store.recordFacts(site, [f(59, { type: 'promise.kept', promiseId: 'p3' })]);
      expect((await list(site)).map((i) => i.causeKey).sort()).toEqual([
        'promise:p2',
        'promise:p4',
      ]);
    });

    it('makes an item for a broken resolution, none for a reopen without work since', async () => {
      const site = await newSite();
      const f = conversation('c4');
      await store.recordFacts(site, [
        ...answered(f),
        f(10, { type: 'conversation.reopened' }),
        f(11, { type: 'conversation.closed', agentId: 'anna' }),
        f(12, { type: 'conversation.reopened' }), // nobody wrote since the last reopen
      ]);
      const items = await list(site);
      expect(items).toMatchObject([
        { cause: 'reopen', causeKey: 'reopen:c4-004', agentId: 'anna', at: T0 + 10 * MINUTE },
      ]);
    });

    it('lists by status, agent and time, newest first, a page at a time, and for one member', async () => {
      const site = await newSite();
      for (const [i, agent] of ['anna', 'ben', 'anna'].entries()) {
        const f = conversation(`page-${i}`);
        await store.recordFacts(site, [
          f(i * 10, { type: 'message', from: 'visitor', text: 'Hi' }),
          f(i * 10 + 1, { type: 'message', from: 'agent', agentId: agent, text: 'Hello' }),
          f(i * 10 + 2, { type: 'conversation.closed', agentId: agent }),
          f(i * 10 + 3, { type: 'rating', end: 1 }),
        ]);
      }
      const all = await list(site);
      expect(all.map((i) => i.conversationId)).toEqual(['page-2', 'page-1', 'page-0']);
      const first = await list(site, { limit: 2 });
      const last = first.at(-1)!;
      const second = await list(site, { limit: 2, after: { at: last.at, id: last.id } });
      expect([...first, ...second].map((i) => i.id)).toEqual(all.map((i) => i.id));
      expect((await list(site, { agentId: 'ben' })).map((i) => i.conversationId)).toEqual([
        'page-1',
      ]);
      expect((await list(site, { to: T0 + 15 * MINUTE })).map((i) => i.conversationId)).toEqual([
        'page-1',
        'page-0',
      ]);
      expect((await list(site, { from: T0 + 15 * MINUTE })).map((i) => i.conversationId)).toEqual([
        'page-2',
      ]);

      // Ben owns one of Anna's items: Ben's view has it and his own.
      await store.changeFollowup(site.id, all[0]!.id, T0, (item) => ({ ...item, ownerId: 'ben' }));
      expect((await list(site, { member: 'ben' })).map((i) => i.conversationId)).toEqual([
        'page-2',
        'page-1',
      ]);
      expect(await list(site, { status: 'contacted' })).toEqual([]);
      expect(await store.followupCounts(site.id, LATER, 'anna')).toEqual({
        newCount: 2,
        nextAt: null,
      });
    });

    it('makes one item when two nodes derive the same conversation', async () => {
      const site = await newSite();
      const other = await storage.open();
      try {
        const f = conversation('c5');
        const facts = [...answered(f), f(3, { type: 'rating', end: 1 })];
        await Promise.all([store.recordFacts(site, facts), other.recordFacts(site, facts)]);
        expect(await list(site)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });
  });
}
