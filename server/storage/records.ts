/**
 * Small records under string keys, changed atomically a few keys at a time: what the sign-in
 * backoff counts (limits/sign-in.ts). In this process's memory with one node; in PostgreSQL when
 * several nodes share a database (./postgres-records.ts), so an address or an email meets
 * the same backoff whichever node it reaches.
 */
export interface Records {
  /**
   * Reads the records under `keys` (those not expired at `at.now`), lets `change` set or delete
   * them in the map it is given, and stores what it left, to expire at `at.expires`; no other
   * change to these keys comes in between, on any node. Resolves with what `change` returned.
   */
  change<R, V = unknown>(
    keys: readonly string[],
    at: { now: number; expires: number },
    change: (records: Map<string, V>) => R,
  ): Promise<R>;
}

/**
 * Most records kept at once; the longest untouched are forgotten first. Bounds the memory a
 * stream of made-up emails can take (the per-address attempt rate bounds it too).
 */
const MAX_RECORDS = 300_000;

export class MemoryRecords implements Records {
  /** In the order last changed (a changed key is deleted and set again). */
  private readonly records = new Map<string, { value: unknown; expiresAt: number }>();

  async change<R, V = unknown>(
    keys: readonly string[],
    { now, expires }: { now: number; expires: number },
    change: (records: Map<string, V>) => R,
  ): Promise<R> {
    const view = new Map<string, V>();
    for (const key of keys) {
      const record = this.records.get(key);
      if (record && record.expiresAt > now) view.set(key, record.value as V);
    }
    // Synchronous from the read to the write: nothing else runs in between.
    const result = change(view);
    for (const key of keys) {
      this.records.delete(key);
      if (view.has(key)) this.records.set(key, { value: view.get(key), expiresAt: expires });
    }
    while (this.records.size > MAX_RECORDS) {
      const oldest = this.records.keys().next();
      if (oldest.done) break;
      this.records.delete(oldest.value);
    }
    return result;
  }
}
