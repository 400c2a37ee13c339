/**
 * Outgoing webhooks (storage/webhooks.ts): each site's endpoints, and the outbox of their
 * deliveries, written in the transaction of the change they tell of and sent from there, so a
 * delivery survives a restart and none is made for a write that did not commit.
 */
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';
import type { Tables } from '../tables';

export const webhooks = (dialect: Dialect): Migration => ({
  async up(db: Kysely<Tables>) {
    const { text, key, int, ms } = dialect.types;
    await dialect.script(
      db,
      `
      CREATE TABLE webhook_endpoints (
        id ${key} NOT NULL PRIMARY KEY,
        site_id ${text} NOT NULL,
        url ${text} NOT NULL,
        kind ${text} NOT NULL,
        -- A JSON array of event names, as text.
        events ${text} NOT NULL,
        secret ${text} NOT NULL,
        enabled ${int} NOT NULL,
        disabled_reason ${text},
        -- Since when every delivery has failed; null after a success.
        failing_since ${ms},
        created_at ${ms} NOT NULL,
        updated_at ${ms} NOT NULL
      );
      CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id, created_at);
      CREATE TABLE webhook_deliveries (
        id ${key} NOT NULL PRIMARY KEY,
        site_id ${text} NOT NULL,
        endpoint_id ${key} NOT NULL,
        event_type ${text} NOT NULL,
        -- While not yet attempted, later news of the same thing (a rating's next step) updates
        -- this row instead of adding one; cleared when a worker claims it.
        coalesce_key ${text},
        -- The body as sent, as text, so its signature is over the same bytes every time.
        payload ${text} NOT NULL,
        status ${text} NOT NULL,
        attempts ${int} NOT NULL,
        next_attempt_at ${ms} NOT NULL,
        -- A worker holds the row until then while it sends it.
        lease_until ${ms},
        first_attempt_at ${ms},
        last_attempt_at ${ms},
        last_status ${int},
        last_error ${text},
        created_at ${ms} NOT NULL,
        delivered_at ${ms}
      );
      CREATE UNIQUE INDEX webhook_deliveries_coalesce ON webhook_deliveries (endpoint_id, coalesce_key);
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
      CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);`,
    );
  },
});
