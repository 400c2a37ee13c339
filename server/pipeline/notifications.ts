/**
 * Other nodes' commits, heard through PostgreSQL: each commit that appends changes NOTIFYs
 * "<site> <last number>" on the database's changes channel (storage/postgres.ts), and this
 * dedicated connection LISTENs and hands each to the feed, which reads what it has not seen from
 * the log. NOTIFY is lost while the connection is down, so after every (re)connection the feed
 * checks every site's counter once.
 */
import pg from 'pg';
import type { Logger } from '../logger';
import type { ChangeFeed } from './feed';

/** Waits between reconnection attempts: doubling from 100 ms up to 5 s. */
const RETRY_MS = { first: 100, max: 5_000 };

export interface Listening {
  /** Resolves once the first LISTEN is in place (changes committed after it are heard). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listenForChanges(
  connection: pg.ClientConfig,
  channel: string,
  feed: ChangeFeed,
  log: Logger,
): Listening {
  let client: pg.Client | null = null;
  let closed = false;
  let retry = RETRY_MS.first;
  let timer: NodeJS.Timeout | undefined;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const connect = async () => {
    const next = new pg.Client(connection);
    next.on('notification', ({ channel: heardOn, payload }) => {
      if (heardOn !== channel || !payload) return;
      const [siteId, seq] = payload.split(' ');
      const number = Number(seq);
      if (siteId && Number.isSafeInteger(number)) void feed.heard(siteId, number);
    });
    next.on('error', (error) => {
      log.warn(`lost the connection that hears other nodes' changes: ${error.message}`);
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN "${channel}"`);
    } catch (error) {
      log.warn(`cannot listen for other nodes' changes yet: ${(error as Error).message}`);
      reconnect(next);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retry = RETRY_MS.first;
    resolveReady();
    // Whatever was committed while nobody listened.
    await feed
      .recheck()
      .catch((error: unknown) => log.error('could not catch up on changes', error));
  };

  const reconnect = (from: pg.Client) => {
    if (closed || (client !== from && client !== null) || timer) return;
    client = null;
    from.removeAllListeners('end');
    void from.end().catch(() => undefined);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retry);
    timer.unref();
    retry = Math.min(retry * 2, RETRY_MS.max);
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners('end');
        await current.end().catch(() => undefined);
      }
    },
  };
}
