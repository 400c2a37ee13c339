/**
 * The follow-up queue's rows, the same on both databases. Items are made and withdrawn inside
 * the transaction that derives their conversation (record.ts calls `syncFollowups`), from the
 * derivation alone (shared/followups.ts): whichever node committed the facts, and however many
 * nodes hear of the change, one item exists per conversation and cause (a unique index says so
 * too). Every change of an item appends a change to the site's log, so every node pushes it.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { monotonicFactory } from 'ulid';
import type { ConversationState } from '../../shared/conversation';
import {
  neededFollowups,
  type FollowupCause,
  type FollowupReason,
  type FollowupStatus,
  type NeededFollowup,
} from '../../shared/followups';
import type { ConversationEvidence } from '../../shared/scoring/fold';
import { Refusal } from '../errors';
import type { Change, ChangeDraft } from './changes';
import type { Dialect } from './dialect';
import { readSite } from './sites';
import { fromJson, type Tables } from './tables';
import { brokenKey, itemKey, itemWebhooks, type ItemNews } from './webhook-events';
import { queueWebhooks, withdrawWebhooks, type WebhookDraft } from './webhooks';

type Db = Kysely<Tables>;

export interface StoredNote {
  at: number;
  /** The member who wrote it; null for the site key. */
  by: string | null;
  text: string;
}

/** An item as stored. */
export interface StoredFollowup {
  siteId: string;
  id: string;
  conversationId: string;
  /** Its cause within the conversation: `rating`, `promise:<id>`, `reopen:<fact id>`. */
  causeKey: string;
  cause: FollowupCause;
  agentId: string | null;
  at: number;
  reason: FollowupReason;
  status: FollowupStatus;
  ownerId: string | null;
  /** Why it was dismissed. */
  dismissal: string | null;
  notes: StoredNote[];
  createdAt: number;
  updatedAt: number;
  /** When it was resolved or dismissed (both final); null while open. */
  closedAt: number | null;
  version: number;
}

/** What a change of an item may set. */
export type FollowupEdit = Pick<StoredFollowup, 'status' | 'ownerId' | 'dismissal' | 'notes'>;

/** Where an item stands in the list: newest cause first, then by id (descending). */
export interface FollowupPlace {
  at: number;
  id: string;
}

export interface FollowupQuery {
  status?: FollowupStatus;
  /** Only items whose answerable agent this is. */
  agentId?: string;
  /** Causes at or after, and at or before, these times. */
  from?: number;
  to?: number;
  /** Now: items whose cause lies ahead (a promise not yet due) are not shown yet. */
  until: number;
  /** Only what this member sees of them: items they answer for or own (an agent's view). */
  member?: string;
  after?: FollowupPlace;
  limit: number;
}

export interface FollowupCounts {
  /** Items with status new, shown now. */
  newCount: number;
  /** When the next item not shown yet shows; null: none waits. */
  nextAt: number | null;
}

/** How many items of one cause have one status (followupTally). */
export interface FollowupTallyRow {
  cause: FollowupCause;
  status: FollowupStatus;
  n: number;
}

/** A follow-up change draft: the item and the agents whose consoles list it. */
const changed = (
  item: Pick<StoredFollowup, 'id' | 'agentId' | 'ownerId'>,
  ...also: (string | null)[]
): ChangeDraft => ({
  kind: 'followup',
  followupId: item.id,
  members: [
    ...new Set([item.agentId, item.ownerId, ...also].filter((id): id is string => id !== null)),
  ],
});

const newId = monotonicFactory();

const toItem = (row: Selectable<Tables['followups']>): StoredFollowup => ({
  ...row,
  cause: row.cause as FollowupCause,
  status: row.status as FollowupStatus,
  reason: fromJson<FollowupReason>(row.details),
  notes: fromJson<StoredNote[]>(row.notes),
});

const COLUMNS = [
  'siteId',
  'id',
  'conversationId',
  'causeKey',
  'cause',
  'agentId',
  'at',
  'details',
  'status',
  'ownerId',
  'dismissal',
  'notes',
  'createdAt',
  'updatedAt',
  'closedAt',
  'version',
] as const;

/** Items per statement: 16 columns each stays far below every database's parameter limit. */
const UPSERT_CHUNK = 500;

/** A conversation as a write derived it: its new state and evidence, and its evidence before. */
export interface DerivedForFollowups {
  state: ConversationState;
  evidence: ConversationEvidence;
  before: ConversationEvidence | null;
}

/**
 * Whether a conversation may have or need items: most conversations of a busy site have none,
 * and are not read for them.
 */
function mayConcern({ state, evidence, before }: DerivedForFollowups): boolean {
  const reopen = (e: ConversationEvidence | null) =>
    e?.observations.some((o) => o.cause.kind === 'reopen') ?? false;
  return (
    state.rating !== null ||
    state.setAsideRating !== null ||
    state.promises.length > 0 ||
    reopen(evidence) ||
    reopen(before)
  );
}

const sameNeed = (item: StoredFollowup, need: NeededFollowup) =>
  item.agentId === need.agentId &&
  item.at === need.at &&
  JSON.stringify(item.reason) === JSON.stringify(need.reason);

/**
 * Makes, updates and withdraws the items of conversations a write just derived, in its
 * transaction; the changes to append to the site's log. A new item follows its cause (an amended
 * rating shows its latest version); once someone acted on it, it stays as they saw it. A cause
 * that no longer holds (a rating amended above the threshold, a promise whose keep in time
 * arrived late) withdraws its item only while it is new: an item someone already contacted the
 * visitor about is never taken from under them.
 */
export async function syncFollowups(
  db: Db,
  dialect: Dialect,
  siteId: string,
  derived: readonly DerivedForFollowups[],
  now: number,
): Promise<ChangeDraft[]> {
  const concerned = derived.filter(mayConcern);
  if (concerned.length === 0) return [];
  const rows = await db
    .selectFrom('followups')
    .select(COLUMNS)
    .where('siteId', '=', siteId)
    .where((eb) =>
      dialect.isIn(
        eb.ref('conversationId'),
        concerned.map(({ state }) => state.id),
      ),
    )
    .execute();
  const existing = new Map(
    rows.map((row) => [`${row.conversationId}\n${row.causeKey}`, toItem(row)]),
  );
  // What to write, decided first, then written in two statements whatever the batch's size:
  // on PostgreSQL each statement is a round trip made while the site's row is locked.
  const upserts: Insertable<Tables['followups']>[] = [];
  const withdrawn: StoredFollowup[] = [];
  for (const conversation of concerned) {
    const conversationId = conversation.state.id;
    const needed = neededFollowups(conversation.state, conversation.evidence);
    const keys = new Set(needed.map((need) => need.key));
    for (const need of needed) {
      const item = existing.get(`${conversationId}\n${need.key}`);
      if (item && (item.status !== 'new' || sameNeed(item, need))) continue;
      upserts.push({
        siteId,
        id: item?.id ?? newId(now),
        conversationId,
        causeKey: need.key,
        cause: need.reason.cause,
        agentId: need.agentId,
        at: need.at,
        details: JSON.stringify(need.reason),
        status: 'new',
        ownerId: null,
        dismissal: null,
        notes: '[]',
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        version: 1,
      });
    }
    for (const item of existing.values()) {
      if (item.conversationId !== conversationId || keys.has(item.causeKey)) continue;
      if (item.status === 'new') withdrawn.push(item);
    }
  }

  const drafts: ChangeDraft[] = [];
  // What webhooks hear of it (webhook-events.ts), queued below in this same transaction.
  const news: WebhookDraft[] = [];
  const reasons = new Map(upserts.map((row) => [`${row.conversationId}\n${row.causeKey}`, row]));
  // A statement's parameters are bounded (SQLite: 32,766): a large batch goes in chunks.
  for (let i = 0; i < upserts.length; i += UPSERT_CHUNK) {
    // A new cause makes its item; a changed one moves its item along, but only while it is new:
    // the statement checks the status itself, so a change of status committed meanwhile (on
    // another node) keeps the item as its people saw it.
    const written = await db
      .insertInto('followups')
      .values(upserts.slice(i, i + UPSERT_CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['siteId', 'conversationId', 'causeKey'])
          .doUpdateSet((eb) => ({
            agentId: eb.ref('excluded.agentId'),
            at: eb.ref('excluded.at'),
            details: eb.ref('excluded.details'),
            updatedAt: eb.ref('excluded.updatedAt'),
            version: sql<number>`followups.version + 1`,
          }))
          .where('followups.status', '=', 'new'),
      )
      .returning(['id', 'conversationId', 'causeKey', 'agentId', 'at', 'status', 'version'])
      .execute();
    for (const row of written) {
      const before = existing.get(`${row.conversationId}\n${row.causeKey}`);
      drafts.push(
        changed({ id: row.id, agentId: row.agentId, ownerId: null }, before?.agentId ?? null),
      );
      const source = reasons.get(`${row.conversationId}\n${row.causeKey}`);
      if (!source) continue;
      const item: ItemNews = { ...row, reason: JSON.parse(source.details) as FollowupReason };
      news.push(...itemWebhooks(item, before === undefined, now));
    }
  }
  if (withdrawn.length > 0) {
    const gone = await db
      .deleteFrom('followups')
      .where('siteId', '=', siteId)
      .where((eb) =>
        dialect.isIn(
          eb.ref('id'),
          withdrawn.map((item) => item.id),
        ),
      )
      .where('status', '=', 'new')
      .returning('id')
      .execute();
    const goneIds = new Set(gone.map((row) => row.id));
    const taken = withdrawn.filter((item) => goneIds.has(item.id));
    for (const item of taken) drafts.push(changed(item));
    // News of an item not yet sent is taken back with it (a promise kept in time); an item
    // whose making was told is told withdrawn.
    const untold = await withdrawWebhooks(
      db,
      dialect,
      siteId,
      taken.flatMap((item) => [
        itemKey(item.id),
        ...(item.reason.cause === 'promise'
          ? [brokenKey(item.conversationId, item.reason.promise.promiseId)]
          : []),
      ]),
    );
    for (const item of taken) {
      if (untold.has(itemKey(item.id))) continue;
      const gone = { ...item, status: 'withdrawn', version: item.version + 1 };
      news.push(...itemWebhooks(gone, false, now));
    }
  }
  await queueWebhooks(db, siteId, news, now);
  return drafts;
}

/** The queue's reads and its one write from people (a change of status, owner or notes). */
export function followupRepository(db: Db, dialect: Dialect) {
  const visible = (siteId: string, member: string | undefined) =>
    db
      .selectFrom('followups')
      .where('siteId', '=', siteId)
      .$if(member !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb('agentId', '=', member ?? ''), eb('ownerId', '=', member ?? '')]),
        ),
      );

  return {
    async listFollowups(siteId: string, query: FollowupQuery): Promise<StoredFollowup[]> {
      const { status, agentId, from, to, until, member, after, limit } = query;
      const upTo = Math.min(until, to ?? until);
      const rows = await visible(siteId, member)
        .select(COLUMNS)
        .where('at', '<=', upTo)
        .$if(from !== undefined, (q) => q.where('at', '>=', from ?? 0))
        .$if(status !== undefined, (q) => q.where('status', '=', status ?? 'new'))
        .$if(agentId !== undefined, (q) => q.where('agentId', '=', agentId ?? ''))
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('at', '<', after?.at ?? 0),
              eb.and([
                eb('at', '=', after?.at ?? 0),
                eb(dialect.bytewise(eb.ref('id')), '<', after?.id ?? ''),
              ]),
            ]),
          ),
        )
        .orderBy('at', 'desc')
        .orderBy(dialect.bytewise(sql.ref('id')), 'desc')
        .limit(limit)
        .execute();
      return rows.map(toItem);
    },

    async followupCounts(siteId: string, until: number, member?: string): Promise<FollowupCounts> {
      const [shown, waiting] = await Promise.all([
        visible(siteId, member)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('status', '=', 'new')
          .where('at', '<=', until)
          .executeTakeFirst(),
        visible(siteId, member)
          .select((eb) => eb.fn.min<number | null>('at').as('at'))
          .where('status', '=', 'new')
          .where('at', '>', until)
          .executeTakeFirst(),
      ]);
      const next = waiting?.at;
      return {
        newCount: Number(shown?.n ?? 0),
        nextAt: next === null || next === undefined ? null : Number(next),
      };
    },

    /**
     * The weekly report's counts (issue #11 §7), by cause and status as they are now: items
     * whose cause fell in [from, to) and had shown by `until` (opened), and items resolved or
     * dismissed in [from, to) (closed).
     */
    async followupTally(
      siteId: string,
      { from, to, until }: { from: number; to: number; until: number },
    ): Promise<{ opened: FollowupTallyRow[]; closed: FollowupTallyRow[] }> {
      const grouped = (q: ReturnType<typeof visible>) =>
        q
          .select(['cause', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
          .groupBy(['cause', 'status'])
          .execute();
      const [opened, closed] = await Promise.all([
        grouped(
          visible(siteId, undefined)
            .where('at', '>=', from)
            .where('at', '<', to)
            .where('at', '<=', until),
        ),
        grouped(
          visible(siteId, undefined).where('closedAt', '>=', from).where('closedAt', '<', to),
        ),
      ]);
      const rows = (list: typeof opened): FollowupTallyRow[] =>
        list.map((row) => ({
          cause: row.cause as FollowupCause,
          status: row.status as FollowupStatus,
          n: Number(row.n),
        }));
      return { opened: rows(opened), closed: rows(closed) };
    },

    async getFollowup(siteId: string, id: string): Promise<StoredFollowup | null> {
      const row = await db
        .selectFrom('followups')
        .select(COLUMNS)
        .where('siteId', '=', siteId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toItem(row) : null;
    },

    /**
     * Changes an item as `decide` says, given the item as it is now (locked until the commit),
     * and appends the change to the site's log; `decide` may throw a Refusal, which writes
     * nothing. The site is locked first, as a write of facts locks it, so the two never wait
     * on each other in opposite orders.
     */
    async changeFollowup(
      siteId: string,
      id: string,
      now: number,
      decide: (item: StoredFollowup) => FollowupEdit,
    ): Promise<{ item: StoredFollowup; changes: Change[] }> {
      return db.transaction().execute(async (trx) => {
        if (dialect.manyWriters) await readSite(trx, siteId, true);
        const row = await trx
          .selectFrom('followups')
          .select(COLUMNS)
          .where('siteId', '=', siteId)
          .where('id', '=', id)
          .$if(dialect.manyWriters, (q) => q.forUpdate())
          .executeTakeFirst();
        if (!row) throw new Refusal('not_found', `No follow-up item "${id}" on this site.`);
        const before = toItem(row);
        const edit = decide(before);
        const closes = edit.status === 'resolved' || edit.status === 'dismissed';
        const item: StoredFollowup = {
          ...before,
          ...edit,
          updatedAt: now,
          // Both are final: the first closing is the one that counts.
          closedAt: closes ? (before.closedAt ?? now) : null,
          version: before.version + 1,
        };
        await trx
          .updateTable('followups')
          .set({
            status: item.status,
            ownerId: item.ownerId,
            dismissal: item.dismissal,
            notes: JSON.stringify(item.notes),
            updatedAt: item.updatedAt,
            closedAt: item.closedAt,
            version: item.version,
          })
          .where('siteId', '=', siteId)
          .where('id', '=', id)
          .execute();
        const changes = await dialect.writer(trx).changes(siteId, [changed(item, before.ownerId)]);
        await queueWebhooks(trx, siteId, itemWebhooks(item, false, now), now);
        return { item, changes };
      });
    },
  };
}

export type FollowupRepository = ReturnType<typeof followupRepository>;
