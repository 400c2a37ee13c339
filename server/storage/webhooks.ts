/**
 * Outgoing webhooks' rows, the same on both databases: each site's endpoints, and the outbox of
 * deliveries. Events are queued in the transaction of the write they tell of (record.ts,
 * followups.ts), one row per endpoint that hears them, so a crash loses none and adds none; the
 * delivery worker (server/webhooks/worker.ts) claims due rows with a lease, on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so exactly one worker of all the nodes sends each at a time.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { monotonicFactory } from 'ulid';
import {
  SLACK_EVENTS,
  type DeliveredEvent,
  type DeliveryStatus,
  type WebhookEvent,
  type WebhookKind,
  type WebhookPayload,
} from '../../shared/webhooks';
import type { Dialect } from './dialect';
import type { Tables } from './tables';

type Db = Kysely<Tables>;

export interface StoredWebhook {
  id: string;
  siteId: string;
  url: string;
  kind: WebhookKind;
  events: WebhookEvent[];
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface StoredDelivery {
  id: string;
  siteId: string;
  endpointId: string;
  eventType: DeliveredEvent;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseUntil: number | null;
  firstAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** A delivery a worker holds, with where it goes. */
export interface ClaimedDelivery extends StoredDelivery {
  leaseUntil: number;
  endpoint: StoredWebhook;
}

/** How an attempt went, as the worker settles it. */
export type AttemptOutcome =
  | { ok: true; status: number }
  /** `retryAt` null: given up (the delivery fails); `disable`: the endpoint's reason. */
  | {
      ok: false;
      status: number | null;
      error: string;
      retryAt: number | null;
      disable: string | null;
    }
  /** Nothing to send to this endpoint (a Slack destination and a good rating). */
  | { ok: 'skipped' };

/**
 * An event a write wants told, before it is known who hears it. `coalesceKey` names what it is
 * news of (a conversation's rating): while such a row waits unsent, the next news replaces it.
 */
export interface WebhookDraft {
  type: WebhookEvent;
  coalesceKey: string | null;
  /** Not sent before this time (a rating's quiet period, a promise's due time). */
  dueAt: number;
  timestamp: number;
  data: Record<string, unknown>;
}

export const newDeliveryId = (() => {
  const next = monotonicFactory();
  return (now: number) => `msg_${next(now)}`;
})();
export const newWebhookId = (() => {
  const next = monotonicFactory();
  return (now: number) => `wh_${next(now)}`;
})();

const toWebhook = (row: Selectable<Tables['webhookEndpoints']>): StoredWebhook => ({
  ...row,
  kind: row.kind as WebhookKind,
  events: JSON.parse(row.events) as WebhookEvent[],
  enabled: Number(row.enabled) === 1,
});

const toDelivery = (row: Selectable<Tables['webhookDeliveries']>): StoredDelivery => ({
  id: row.id,
  siteId: row.siteId,
  endpointId: row.endpointId,
  eventType: row.eventType as DeliveredEvent,
  payload: row.payload,
  status: row.status as DeliveryStatus,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  leaseUntil: row.leaseUntil,
  firstAttemptAt: row.firstAttemptAt,
  lastAttemptAt: row.lastAttemptAt,
  lastStatus: row.lastStatus,
  lastError: row.lastError,
  createdAt: row.createdAt,
  deliveredAt: row.deliveredAt,
});

export const payloadOf = (
  type: DeliveredEvent,
  timestamp: number,
  data: Record<string, unknown>,
): string =>
  JSON.stringify({
    type,
    timestamp: new Date(timestamp).toISOString(),
    data,
  } satisfies WebhookPayload);

/** Whether an endpoint hears an event: it chose it, and (Slack) it has a message for it. */
const hears = (endpoint: Pick<StoredWebhook, 'kind' | 'events'>, type: WebhookEvent) =>
  endpoint.events.includes(type) && (endpoint.kind !== 'slack' || SLACK_EVENTS.includes(type));

/**
 * Queues the drafts for every enabled endpoint of the site that hears them, in the caller's
 * transaction. A draft whose news waits unsent already (same endpoint and coalesce key) updates
 * that row: its body and due time.
 */
export async function queueWebhooks(
  db: Db,
  siteId: string,
  drafts: readonly WebhookDraft[],
  now: number,
): Promise<void> {
  if (drafts.length === 0) return;
  const endpoints = await db
    .selectFrom('webhookEndpoints')
    .select(['id', 'kind', 'events'])
    .where('siteId', '=', siteId)
    .where('enabled', '=', 1)
    .execute();
  if (endpoints.length === 0) return;
  // The last news of each thing wins within a batch too (one statement may not touch a row twice).
  const latest = new Map<string, WebhookDraft>();
  drafts.forEach((draft, i) => latest.set(draft.coalesceKey ?? `\n${i}`, draft));
  const rows: Insertable<Tables['webhookDeliveries']>[] = [];
  for (const row of endpoints) {
    const endpoint = { kind: row.kind as WebhookKind, events: JSON.parse(row.events) };
    for (const draft of latest.values()) {
      if (!hears(endpoint, draft.type)) continue;
      rows.push({
        id: newDeliveryId(now),
        siteId,
        endpointId: row.id,
        eventType: draft.type,
        coalesceKey: draft.coalesceKey,
        payload: payloadOf(draft.type, draft.timestamp, draft.data),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: draft.dueAt,
        createdAt: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('webhookDeliveries')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['endpointId', 'coalesceKey']).doUpdateSet((eb) => ({
          payload: eb.ref('excluded.payload'),
          nextAttemptAt: eb.ref('excluded.nextAttemptAt'),
        })),
      )
      .execute();
  }
}

/**
 * Takes back queued news not yet sent (a promise kept in time before its due time); the keys of
 * which some row was taken back.
 */
export async function withdrawWebhooks(
  db: Db,
  dialect: Dialect,
  siteId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const gone = await db
    .deleteFrom('webhookDeliveries')
    .where('siteId', '=', siteId)
    .where((eb) => dialect.isIn(eb.ref('coalesceKey') as never, keys))
    .where('status', '=', 'pending')
    .where('attempts', '=', 0)
    .returning('coalesceKey')
    .execute();
  return new Set(gone.flatMap((row) => (row.coalesceKey === null ? [] : [row.coalesceKey])));
}

/** How long a worker holds a delivery it claimed: well past the request's timeout. */
export const LEASE_MS = 60_000;

/** Deliveries listed per page at most. */
const DELIVERY_COLUMNS = [
  'id',
  'siteId',
  'endpointId',
  'eventType',
  'coalesceKey',
  'payload',
  'status',
  'attempts',
  'nextAttemptAt',
  'leaseUntil',
  'firstAttemptAt',
  'lastAttemptAt',
  'lastStatus',
  'lastError',
  'createdAt',
  'deliveredAt',
] as const;

export function webhookRepository(db: Db, dialect: Dialect) {
  const endpointOf = async (siteId: string, id: string) => {
    const row = await db
      .selectFrom('webhookEndpoints')
      .selectAll()
      .where('siteId', '=', siteId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toWebhook(row) : null;
  };

  return {
    async createWebhook(hook: StoredWebhook): Promise<void> {
      await db
        .insertInto('webhookEndpoints')
        .values({ ...hook, events: JSON.stringify(hook.events), enabled: hook.enabled ? 1 : 0 })
        .execute();
    },

    async listWebhooks(siteId: string): Promise<StoredWebhook[]> {
      const rows = await db
        .selectFrom('webhookEndpoints')
        .selectAll()
        .where('siteId', '=', siteId)
        .orderBy('createdAt')
        .orderBy('id')
        .execute();
      return rows.map(toWebhook);
    },

    getWebhook: endpointOf,

    /** Saves url, events and whether it is enabled (with its reason); false if none such. */
    async updateWebhook(hook: StoredWebhook): Promise<boolean> {
      const result = await db
        .updateTable('webhookEndpoints')
        .set({
          url: hook.url,
          events: JSON.stringify(hook.events),
          enabled: hook.enabled ? 1 : 0,
          disabledReason: hook.disabledReason,
          failingSince: hook.failingSince,
          updatedAt: hook.updatedAt,
        })
        .where('siteId', '=', hook.siteId)
        .where('id', '=', hook.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Deletes the endpoint and its deliveries; false if the site has no such endpoint. */
    async deleteWebhook(siteId: string, id: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('webhookEndpoints')
          .where('siteId', '=', siteId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await trx.deleteFrom('webhookDeliveries').where('endpointId', '=', id).execute();
        return true;
      });
    },

    /** Queues one message for one endpoint (a test ping), due now. */
    async queueDelivery(
      siteId: string,
      endpointId: string,
      type: DeliveredEvent,
      payload: string,
      now: number,
    ): Promise<StoredDelivery> {
      const row = {
        id: newDeliveryId(now),
        siteId,
        endpointId,
        eventType: type,
        coalesceKey: null,
        payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        firstAttemptAt: null,
        lastAttemptAt: null,
        lastStatus: null,
        lastError: null,
        createdAt: now,
        deliveredAt: null,
      };
      await db.insertInto('webhookDeliveries').values(row).execute();
      return toDelivery(row);
    },

    /** An endpoint's deliveries, newest first, before `before` (an id) if given. */
    async listDeliveries(
      siteId: string,
      endpointId: string,
      query: { before?: string; limit: number },
    ): Promise<StoredDelivery[]> {
      const rows = await db
        .selectFrom('webhookDeliveries')
        .select(DELIVERY_COLUMNS)
        .where('siteId', '=', siteId)
        .where('endpointId', '=', endpointId)
        .$if(query.before !== undefined, (q) => q.where('id', '<', query.before ?? ''))
        // Ids are keys (byte order on both databases) that grow with time.
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toDelivery);
    },

    async getDelivery(siteId: string, id: string): Promise<StoredDelivery | null> {
      const row = await db
        .selectFrom('webhookDeliveries')
        .select(DELIVERY_COLUMNS)
        .where('siteId', '=', siteId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toDelivery(row) : null;
    },

    /**
     * Sends a message again, with the same webhook-id: due now, with a fresh day of retries.
     * Null when the endpoint has no such delivery, or a worker is sending it right now.
     */
    async resendDelivery(
      siteId: string,
      endpointId: string,
      id: string,
      now: number,
    ): Promise<StoredDelivery | null> {
      const row = await db
        .updateTable('webhookDeliveries')
        .set({
          status: 'pending',
          nextAttemptAt: now,
          firstAttemptAt: null,
          leaseUntil: null,
          deliveredAt: null,
        })
        .where('siteId', '=', siteId)
        .where('endpointId', '=', endpointId)
        .where('id', '=', id)
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<=', now)]))
        .returning(DELIVERY_COLUMNS)
        .executeTakeFirst();
      return row ? toDelivery(row) : null;
    },

    /**
     * Claims up to `limit` deliveries due at `now` of enabled endpoints, each held until
     * `now + LEASE_MS`: on PostgreSQL, rows another node is claiming are skipped, not waited
     * for; a lease that ran out (its node died mid-send) is claimed again.
     */
    async claimDeliveries(now: number, limit: number): Promise<ClaimedDelivery[]> {
      const leaseUntil = now + LEASE_MS;
      const due = db
        .selectFrom('webhookDeliveries as d')
        .innerJoin('webhookEndpoints as e', 'e.id', 'd.endpointId')
        .select('d.id')
        .where('d.status', '=', 'pending')
        .where('d.nextAttemptAt', '<=', now)
        .where((eb) => eb.or([eb('d.leaseUntil', 'is', null), eb('d.leaseUntil', '<=', now)]))
        .where('e.enabled', '=', 1)
        .orderBy('d.nextAttemptAt')
        .limit(limit)
        .$if(dialect.manyWriters, (q) => q.forUpdate(['d']).skipLocked());
      const claimed = await db
        .updateTable('webhookDeliveries')
        .set({ leaseUntil, coalesceKey: null })
        .where('id', 'in', due)
        .returning(DELIVERY_COLUMNS)
        .execute();
      if (claimed.length === 0) return [];
      const endpoints = await db
        .selectFrom('webhookEndpoints')
        .selectAll()
        .where((eb) =>
          dialect.isIn(
            eb.ref('id'),
            claimed.map((row) => row.endpointId),
          ),
        )
        .execute();
      const byId = new Map(endpoints.map((row) => [row.id, toWebhook(row)]));
      return claimed.flatMap((row) => {
        const endpoint = byId.get(row.endpointId);
        return endpoint ? [{ ...toDelivery(row), leaseUntil, endpoint }] : [];
      });
    },

    /**
     * Records an attempt of a claimed delivery (only while the lease is still this worker's),
     * and what it says of its endpoint: a success ends its failing streak; a failure starts one,
     * or, with `disable`, disables it with that reason. The endpoint's failing streak's start.
     */
    async settleDelivery(
      delivery: ClaimedDelivery,
      outcome: AttemptOutcome,
      now: number,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const update = () =>
          trx
            .updateTable('webhookDeliveries')
            .where('id', '=', delivery.id)
            .where('leaseUntil', '=', delivery.leaseUntil);
        if (outcome.ok === 'skipped') {
          await update().set({ status: 'skipped', leaseUntil: null, lastAttemptAt: now }).execute();
          return;
        }
        const attempt = {
          attempts: delivery.attempts + 1,
          leaseUntil: null,
          firstAttemptAt: delivery.firstAttemptAt ?? now,
          lastAttemptAt: now,
          lastStatus: outcome.status,
        };
        if (outcome.ok) {
          await update()
            .set({ ...attempt, status: 'delivered', deliveredAt: now, lastError: null })
            .execute();
          await trx
            .updateTable('webhookEndpoints')
            .set({ failingSince: null })
            .where('id', '=', delivery.endpointId)
            .execute();
          return;
        }
        await update()
          .set({
            ...attempt,
            lastError: outcome.error,
            status: outcome.retryAt === null ? 'failed' : 'pending',
            nextAttemptAt: outcome.retryAt ?? now,
          })
          .execute();
        await trx
          .updateTable('webhookEndpoints')
          .set((eb) => ({
            failingSince: eb.fn.coalesce('failingSince', sql.lit(now)),
            ...(outcome.disable !== null && {
              enabled: 0,
              disabledReason: outcome.disable,
              updatedAt: now,
            }),
          }))
          .where('id', '=', delivery.endpointId)
          .execute();
      });
    },

    /** Gives a claimed delivery back untried (the server is stopping mid-send). */
    async releaseDelivery(delivery: ClaimedDelivery): Promise<void> {
      await db
        .updateTable('webhookDeliveries')
        .set({ leaseUntil: null })
        .where('id', '=', delivery.id)
        .where('leaseUntil', '=', delivery.leaseUntil)
        .execute();
    },
  };
}

export type WebhookRepository = ReturnType<typeof webhookRepository>;
