/**
 * Helpdesk integrations' rows, the same on both databases: each site's integration of a kind
 * (its webhook token kept only as a hash, the helpdesk's own secret if given), and the reopens
 * the Chatwoot adapter holds back until an agent answers.
 */
import type { Kysely } from 'kysely';
import type { Tables } from './tables';

type Db = Kysely<Tables>;

export type IntegrationKind = 'chatwoot';

export interface Integration {
  siteId: string;
  kind: IntegrationKind;
  /** SHA-256 of the token in its webhook URL. */
  tokenHash: string;
  /** The helpdesk's webhook secret, to check its signatures; null: none stored. */
  secret: string | null;
  /** When its current URL was made. */
  createdAt: number;
}

/** A reopen held back: its fact's id and time, recorded once an agent answers after it. */
export interface HeldReopen {
  factId: string;
  at: number;
}

const read = (row: Tables['integrations']): Integration => ({
  ...row,
  kind: row.kind as IntegrationKind,
});

export function integrationRepository(db: Db) {
  return {
    /** Creates the site's integration of this kind, or gives it a new token (and secret). */
    async saveIntegration(integration: Integration): Promise<void> {
      await db
        .insertInto('integrations')
        .values(integration)
        .onConflict((oc) =>
          oc.columns(['siteId', 'kind']).doUpdateSet((eb) => ({
            tokenHash: eb.ref('excluded.tokenHash'),
            secret: eb.ref('excluded.secret'),
            createdAt: eb.ref('excluded.createdAt'),
          })),
        )
        .execute();
    },

    async getIntegration(siteId: string, kind: IntegrationKind): Promise<Integration | null> {
      const row = await db
        .selectFrom('integrations')
        .selectAll()
        .where('siteId', '=', siteId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      return row ? read(row) : null;
    },

    /** The integration whose webhook token hashes to this. */
    async findIntegrationByTokenHash(tokenHash: string): Promise<Integration | null> {
      const row = await db
        .selectFrom('integrations')
        .selectAll()
        .where('tokenHash', '=', tokenHash)
        .executeTakeFirst();
      return row ? read(row) : null;
    },

    /** Stores or forgets (null) the helpdesk's secret; false when there is no integration. */
    async setIntegrationSecret(
      siteId: string,
      kind: IntegrationKind,
      secret: string | null,
    ): Promise<boolean> {
      const result = await db
        .updateTable('integrations')
        .set({ secret })
        .where('siteId', '=', siteId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Disables it: its URL stops working. False when there was none. */
    async deleteIntegration(siteId: string, kind: IntegrationKind): Promise<boolean> {
      const result = await db
        .deleteFrom('integrations')
        .where('siteId', '=', siteId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Holds a reopen back (a repeat of one held already changes nothing). */
    async holdReopen(siteId: string, conversationId: string, reopen: HeldReopen): Promise<void> {
      await db
        .insertInto('heldReopens')
        .values({ siteId, conversationId, ...reopen })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    /** The reopens held back in a conversation, oldest first. */
    async heldReopens(siteId: string, conversationId: string): Promise<HeldReopen[]> {
      return db
        .selectFrom('heldReopens')
        .select(['factId', 'at'])
        .where('siteId', '=', siteId)
        .where('conversationId', '=', conversationId)
        .orderBy('at')
        .orderBy('factId')
        .execute();
    },

    /** Forgets held reopens once recorded. */
    async releaseReopens(
      siteId: string,
      conversationId: string,
      factIds: readonly string[],
    ): Promise<void> {
      if (factIds.length === 0) return;
      await db
        .deleteFrom('heldReopens')
        .where('siteId', '=', siteId)
        .where('conversationId', '=', conversationId)
        .where('factId', 'in', factIds)
        .execute();
    },
  };
}

export type IntegrationRepository = ReturnType<typeof integrationRepository>;
