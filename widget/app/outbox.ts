/**
 * Rating steps the server has not acknowledged yet, oldest first, kept in localStorage before
 * they are sent so that none is lost to a dropped connection, a closed tab or a crashed server.
 * Each step carries its idempotency key: sending it twice changes nothing on the server, so the
 * widget resends freely (on reconnect, on the next page view, by beacon) until an answer
 * removes it.
 *
 * Read from storage at every use, so two tabs of one site share one outbox; when storage is
 * blocked it lives in memory for this page.
 */
import type { RatingSave } from '../../shared/protocol';
import { readStored, writeStored } from './persist';

/** Steps older than this are given up: the server's amend window has long closed. */
export const OUTBOX_TTL_MS = 7 * 24 * 60 * 60 * 1000;

interface Entry {
  save: RatingSave;
  queuedAt: number;
}

export interface Outbox {
  /** What is still to be sent, oldest first. */
  list(): RatingSave[];
  add(save: RatingSave): void;
  remove(key: string): void;
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry | null;
  return (
    !!entry &&
    typeof entry.queuedAt === 'number' &&
    !!entry.save &&
    typeof entry.save.key === 'string' &&
    typeof entry.save.conversationId === 'string'
  );
}

export function createOutbox(site: string, now: () => number = Date.now): Outbox {
  let memory: Entry[] = [];

  function load(): Entry[] {
    const raw = readStored(site, 'outbox');
    if (raw === null) return memory;
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      // Not ours, or damaged: nothing in it can be trusted.
      return [];
    }
  }

  function store(entries: Entry[]): void {
    const fresh = entries.filter((e) => now() - e.queuedAt < OUTBOX_TTL_MS);
    memory = fresh;
    writeStored(site, 'outbox', fresh.length ? JSON.stringify(fresh) : null);
  }

  return {
    list: () =>
      load()
        .filter((e) => now() - e.queuedAt < OUTBOX_TTL_MS)
        .map((e) => e.save),
    add(save) {
      const entries = load().filter((e) => e.save.key !== save.key);
      entries.push({ save, queuedAt: now() });
      store(entries);
    },
    remove(key) {
      store(load().filter((e) => e.save.key !== key));
    },
  };
}
