/**
 * What makes several nodes on one PostgreSQL database one service: socket.io rooms that reach
 * every node (@socket.io/postgres-adapter: disconnecting a member's sockets, asking who is
 * online, typing indicators), rate limits and the sign-in backoff counted in the database, and
 * the change feed hearing other nodes' commits (NOTIFY). On SQLite there is one node, and all
 * of it stays in this process.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import type { ServerOptions } from 'socket.io';
import { memoryCounters, type CounterFactory } from './limits/limiter';
import { MemoryRecords, type Records } from './storage/records';
import type { Logger } from './logger';
import type { ChangeFeed } from './pipeline/feed';
import { listenForChanges } from './pipeline/notifications';
import { PostgresStore } from './storage/postgres';
import { PostgresRecords } from './storage/postgres-records';
import type { Store } from './storage/store';

export interface Cluster {
  /** socket.io's adapter for rooms across nodes (none: rooms of this process only). */
  adapter: ServerOptions['adapter'] | undefined;
  /** Where rate-limit counters are kept: shared by every node, or this process's memory. */
  counters: CounterFactory;
  /** Where the sign-in backoff keeps its counts, likewise. */
  records: Records;
  /** Starts hearing other nodes' changes; resolves once it does. */
  join(feed: ChangeFeed): Promise<void>;
  leave(): Promise<void>;
}

export function clusterOf(store: Store, log: Logger): Cluster {
  if (!(store instanceof PostgresStore)) {
    return {
      adapter: undefined,
      counters: memoryCounters,
      records: new MemoryRecords(),
      join: async () => undefined,
      leave: async () => undefined,
    };
  }
  let leave = async (): Promise<void> => undefined;
  // One counter sweeps expired rows of the shared table (every 5 minutes), not all of them.
  let sweeper = true;
  return {
    adapter: createAdapter(store.pool, {
      // Nodes of one schema are one cluster (tests run many in one database).
      channelPrefix: store.schema ? `peakend_io_${store.schema}` : 'peakend_io',
      tableName: 'socket_io_attachments',
      errorHandler: (error) => log.warn(`socket.io across nodes: ${error.message}`),
    }) as ServerOptions['adapter'],
    counters: (options) => {
      const sweeps = sweeper;
      sweeper = false;
      return new RateLimiterPostgres({
        ...options,
        storeClient: store.pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: sweeps,
        // A client over a limit is refused from memory until its window ends: a flood costs the
        // database nothing more. Should the database fail, each node counts alone meanwhile.
        inMemoryBlockOnConsumed: options.points,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    },
    records: new PostgresRecords(store.pool),
    async join(feed) {
      const listening = listenForChanges(store.pool.options, store.channel, feed, log);
      leave = () => listening.close();
      await listening.ready;
    },
    leave: () => leave(),
  };
}
