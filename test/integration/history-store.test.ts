/**
 * The history as both stores read it: every conversation, newest activity first, a page at a time
 * with nothing skipped or repeated; each filter; and full-text search matching the same whole
 * words on SQLite (FTS5) and PostgreSQL (tsvector), whatever is typed into the search box.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWords } from '../../shared/search';
import { MINUTE } from '../../shared/time';
import type { HistoryQuery, Site, Store } from '../../server/storage/store';
import { conversationFacts, siteMaker } from '../support/sites';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';
import { HOSTILE_SEARCHES } from '../support/hostile';

const T0 = Date.UTC(2026, 2, 2, 9, 0);

for (const kind of await storeKinds()) {
  describe(`the history on the ${kind} store`, () => {
    let storage: TestStorage;
    let store: Store;
    const newSite = siteMaker(() => store, 'history-site', T0);
    /** Facts of one conversation, at minutes after T0. */
    const conversation = (conversationId: string) => conversationFacts(conversationId, T0);

    const ids = async (site: Site, query: Partial<HistoryQuery> = {}) =>
      (await store.listHistory(site.id, { limit: 100, ...query })).map((e) => e.state.id);

    const search = (site: Site, text: string) => ids(site, { words: searchWords(text) });

    beforeAll(async () => {
      storage = await createTestStorage(kind);
      store = await storage.open();
    });

    afterAll(async () => {
      await store?.close();
      await storage?.remove();
    });

    it('pages through every conversation newest activity first, none skipped or repeated', async () => {
      const site = await newSite();
      // Seven conversations, three of them last active in the same minute (ties go by id).
      const minutes = [5, 3, 9, 3, 1, 3, 7];
      for (const [i, at] of minutes.entries()) {
        const f = conversation(`page-${i}`);
        await store.recordFacts(site, [f(at, { type: 'message', from: 'visitor', text: 'Hi' })]);
      }
      const all = await store.listHistory(site.id, { limit: 100 });
      const order = all.map((e) => [e.state.lastActivityAt, e.state.id] as const);
      const expected = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1));
      expect(order).toEqual(expected);
      expect(all).toHaveLength(7);

      const paged: string[] = [];
      let after: HistoryQuery['after'];
      for (let page = 0; page < 10; page++) {
        const rows = await store.listHistory(site.id, { limit: 2, after });
        paged.push(...rows.map((e) => e.state.id));
        const last = rows.at(-1);
        if (rows.length < 2 || !last) break;
        after = { lastActivityAt: last.state.lastActivityAt, conversationId: last.state.id };
      }
      expect(paged).toEqual(all.map((e) => e.state.id));
    });

    it('filters by status, agent, rating, comment, segment and time of last activity', async () => {
      const site = await newSite();
      const a = conversation('f-anna-rated');
      const b = conversation('f-ben-open');
      const c = conversation('f-claimed');
      const d = conversation('f-unrated');
      await store.recordFacts(site, [
        a(0, { type: 'conversation.opened', segment: 'pro' }),
        a(1, { type: 'message', from: 'visitor', text: 'Refund please' }),
        a(2, { type: 'message', from: 'agent', agentId: 'anna', text: 'Done' }),
        a(3, { type: 'conversation.closed', agentId: 'anna' }),
        a(4, { type: 'rating', end: 2, comment: 'Too slow' }),
        b(10, { type: 'conversation.opened', segment: 'free' }),
        b(11, { type: 'message', from: 'visitor', text: 'Hello' }),
        b(12, { type: 'message', from: 'agent', agentId: 'ben', text: 'Hi there' }),
        c(20, { type: 'conversation.assigned', agentId: 'cleo' }),
        c(21, { type: 'message', from: 'visitor', text: 'Anyone?' }),
        d(30, { type: 'message', from: 'visitor', text: 'Bye' }),
        d(31, { type: 'message', from: 'agent', agentId: 'ben', text: 'Bye!' }),
        d(32, { type: 'conversation.closed', agentId: 'ben' }),
        d(33, { type: 'rating', end: 5 }),
      ]);
      expect(await ids(site)).toEqual(['f-unrated', 'f-claimed', 'f-ben-open', 'f-anna-rated']);
      expect(await ids(site, { status: 'open' })).toEqual(['f-claimed', 'f-ben-open']);
      expect(await ids(site, { status: 'closed' })).toEqual(['f-unrated', 'f-anna-rated']);
      // Rated for, replied in, assigned: each is the agent's work.
      expect(await ids(site, { agentId: 'anna' })).toEqual(['f-anna-rated']);
      expect(await ids(site, { agentId: 'ben' })).toEqual(['f-unrated', 'f-ben-open']);
      expect(await ids(site, { agentId: 'cleo' })).toEqual(['f-claimed']);
      expect(await ids(site, { agentId: 'nobody' })).toEqual([]);
      expect(await ids(site, { ratings: [1, 2] })).toEqual(['f-anna-rated']);
      expect(await ids(site, { ratings: [5, 'none'] })).toEqual([
        'f-unrated',
        'f-claimed',
        'f-ben-open',
      ]);
      expect(await ids(site, { comment: true })).toEqual(['f-anna-rated']);
      expect(await ids(site, { comment: false })).toHaveLength(3);
      expect(await ids(site, { segment: 'pro' })).toEqual(['f-anna-rated']);
      expect(await ids(site, { segment: null })).toEqual(['f-unrated', 'f-claimed']);
      expect(await ids(site, { from: T0 + 10 * MINUTE, to: T0 + 30 * MINUTE })).toEqual([
        'f-claimed',
        'f-ben-open',
      ]);
      expect(await ids(site, { status: 'closed', agentId: 'ben', ratings: [5] })).toEqual([
        'f-unrated',
      ]);
    });

    it('finds whole words of messages and comments, alike on both stores, and only its own site', async () => {
      const site = await newSite();
      const other = await newSite();
      const a = conversation('s-parcel');
      const b = conversation('s-cafe');
      const c = conversation('s-comment');
      await store.recordFacts(site, [
        a(0, {
          type: 'message',
          from: 'visitor',
          text: 'Where is my Parcel? Tracking says ben@example.com, order 2.50',
        }),
        a(1, { type: 'message', from: 'agent', agentId: 'anna', text: 'It left the warehouse' }),
        b(2, { type: 'message', from: 'visitor', text: 'Is the café open on Sunday?' }),
        c(3, { type: 'message', from: 'visitor', text: 'Hello' }),
        c(4, { type: 'rating', end: 1, comment: 'Nobody ever answered my question' }),
      ]);
      await store.recordFacts(other, [
        conversation('s-elsewhere')(0, { type: 'message', from: 'visitor', text: 'parcel' }),
      ]);

      expect(await search(site, 'parcel')).toEqual(['s-parcel']);
      expect(await search(site, 'PARCEL')).toEqual(['s-parcel']);
      expect(await search(site, 'tracking parcel')).toEqual(['s-parcel']);
      // Whole words only: a part of a word is not a word.
      expect(await search(site, 'parc')).toEqual([]);
      expect(await search(site, 'parcels')).toEqual([]);
      // Words of an address and of a number, split where punctuation splits them.
      expect(await search(site, 'example')).toEqual(['s-parcel']);
      expect(await search(site, 'ben@example.com')).toEqual(['s-parcel']);
      expect(await search(site, '50')).toEqual(['s-parcel']);
      // Every word in the same text: two messages do not make a match together.
      expect(await search(site, 'parcel warehouse')).toEqual([]);
      expect(await search(site, 'warehouse')).toEqual(['s-parcel']);
      // Accents count, case does not.
      expect(await search(site, 'Café')).toEqual(['s-cafe']);
      expect(await search(site, 'cafe')).toEqual([]);
      // Rating comments too.
      expect(await search(site, 'answered')).toEqual(['s-comment']);
      expect(await search(other, 'parcel')).toEqual(['s-elsewhere']);

      const [found] = await store.listHistory(site.id, {
        limit: 10,
        words: searchWords('question'),
      });
      expect(found?.match?.text).toBe('Nobody ever answered my question');
      expect(found?.match?.at).toBe(T0 + 4 * MINUTE);
    });

    it('takes any search text as words: no query syntax reaches the database', async () => {
      const site = await newSite();
      const f = conversation('hostile');
      await store.recordFacts(site, [
        f(0, { type: 'message', from: 'visitor', text: 'near or not, and a b c 😀 "quoted"' }),
      ]);
      for (const text of HOSTILE_SEARCHES) {
        const words = searchWords(text);
        const rows = await store.listHistory(site.id, { limit: 10, words });
        expect(Array.isArray(rows)).toBe(true);
      }
      // Operators of either language are plain words.
      expect(await search(site, 'NEAR(a b)')).toEqual(['hostile']);
      expect(await search(site, 'near OR not')).toEqual(['hostile']);
      expect(await search(site, '"quoted"*')).toEqual(['hostile']);
      expect(await search(site, 'quoted:* & !near')).toEqual(['hostile']);
      expect(await search(site, '-near')).toEqual(['hostile']);
    });

    it('finds what was written before search existed, once migrated', async () => {
      const site = await newSite();
      await store.recordFacts(site, [
        conversation('before-search')(0, { type: 'message', from: 'visitor', text: 'Old words' }),
      ]);
      await store.close();
      // Back to the schema before migration 0008 (the later ones undone too), the message kept.
      await storage.execute(
        `DELETE FROM kysely_migration WHERE name >= '0008';
         ${kind === 'sqlite' ? 'DROP TABLE fact_search' : 'DROP INDEX facts_search'};
         DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints;
         DROP TABLE held_reopens; DROP TABLE integrations;
         DROP TABLE trend_dirty; DROP INDEX conversations_first_reply;
         ALTER TABLE conversations DROP COLUMN first_reply_at;
         ALTER TABLE conversations DROP COLUMN first_reply_wait_ms;
         ALTER TABLE conversations DROP COLUMN first_reply_agent_id;
         ALTER TABLE followups DROP COLUMN closed_at;
         ALTER TABLE agents DROP COLUMN member_id; ALTER TABLE agents DROP COLUMN avatar_url;
         ALTER TABLE agents DROP COLUMN named_at; ALTER TABLE agents DROP COLUMN name_source;
         ALTER TABLE agents DROP COLUMN answers_chats;
         DROP INDEX conversations_to_redact; ALTER TABLE conversations DROP COLUMN redacted_at;
         DROP INDEX sites_by_previous_key; ALTER TABLE sites DROP COLUMN previous_key_until;
         ALTER TABLE sites DROP COLUMN previous_key_hash;`,
      );
      store = await storage.open();
      expect(await search(site, 'old')).toEqual(['before-search']);
    });

    it('says whose work a conversation is', async () => {
      const site = await newSite();
      const f = conversation('answerable');
      await store.recordFacts(site, [
        f(0, { type: 'message', from: 'visitor', text: 'Hi' }),
        f(1, { type: 'message', from: 'agent', agentId: 'anna', text: 'Hello' }),
      ]);
      expect(await store.isAnswerable(site.id, 'answerable', 'anna')).toBe(true);
      expect(await store.isAnswerable(site.id, 'answerable', 'ben')).toBe(false);
      expect(await store.isAnswerable(site.id, 'no-such', 'anna')).toBe(false);
    });
  });
}
