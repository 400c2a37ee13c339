/**
 * The backoff's records (./records.ts) in PostgreSQL, for every node of a database: each
 * change takes transaction-scoped advisory locks on its keys (in sorted order, so two changes
 * never wait for each other in a circle), reads, and writes back, in one transaction.
 */
import type pg from 'pg';
import type { Records } from './records';

/** First key of the advisory locks (two-key form), distinct from the store's own. */
const RECORDS_LOCK = 0x70656b04;
/** Expired rows are swept at most this often, by whichever change comes first. */
const SWEEP_EVERY_MS = 60_000;

export class PostgresRecords implements Records {
  private sweptAt = 0;

  constructor(private readonly pool: pg.Pool) {}

  async change<R, V = unknown>(
    keys: readonly string[],
    { now, expires }: { now: number; expires: number },
    change: (records: Map<string, V>) => R,
  ): Promise<R> {
    const sorted = [...new Set(keys)].sort();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT pg_advisory_xact_lock($1, hashtext(k))
         FROM (SELECT unnest($2::text[]) AS k ORDER BY 1) AS keys`,
        [RECORDS_LOCK, sorted],
      );
      const { rows } = await client.query<{ key: string; value: V }>(
        'SELECT key, value FROM backoff_records WHERE key = ANY($1::text[]) AND expires_at > $2',
        [sorted, now],
      );
      const records = new Map(rows.map((row) => [row.key, row.value]));
      const result = change(records);
      const kept = sorted.filter((key) => records.has(key));
      const gone = sorted.filter((key) => !records.has(key));
      if (gone.length > 0) {
        await client.query('DELETE FROM backoff_records WHERE key = ANY($1::text[])', [gone]);
      }
      if (kept.length > 0) {
        await client.query(
          `INSERT INTO backoff_records (key, value, expires_at)
           SELECT k, v, $3 FROM unnest($1::text[], $2::jsonb[]) AS r (k, v)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
          [kept, kept.map((key) => JSON.stringify(records.get(key))), expires],
        );
      }
      if (now - this.sweptAt > SWEEP_EVERY_MS) {
        this.sweptAt = now;
        await client.query('DELETE FROM backoff_records WHERE expires_at <= $1', [now]);
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
