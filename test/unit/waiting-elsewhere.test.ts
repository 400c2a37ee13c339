/**
 * The counts of chats waiting on other sites (server/live/waiting.ts), on fakes: a site is
 * counted again only for deliveries that touch a conversation and only while consoles here watch
 * it; a count under way and the changes heard meanwhile make one more count, not one each; a
 * count that did not move is not pushed again; a site nobody watches is forgotten.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SiteWaiting } from '../../shared/waiting';
import { silentLogger } from '../../server/logger';
import type { ChangeFeed, ChangeListener, Delivery } from '../../server/pipeline/feed';
import type { AgentNamespace } from '../../server/live/rooms';
import { waitingRoom } from '../../server/live/rooms';
import { WaitingElsewhere } from '../../server/live/waiting';
import type { Change } from '../../server/storage/changes';
import type { Site, Store } from '../../server/storage/store';

const site = { id: 'books', name: 'Heron Books' } as Site;

function setup() {
  const listeners: ChangeListener[] = [];
  let position = 0;
  const feed = {
    subscribe: (listener: ChangeListener) => listeners.push(listener),
    position: () => position,
  } as unknown as ChangeFeed;
  /** What the store counts now; each count resolves when the test says so, or at once. */
  let waiting = 0;
  const held: (() => void)[] = [];
  let hold = false;
  const countWaiting = vi.fn(
    () =>
      new Promise<number>((resolve) => {
        // The store's state when the count was asked.
        const now = waiting;
        const answer = () => resolve(now);
        if (hold) held.push(answer);
        else answer();
      }),
  );
  const store = { countWaiting } as unknown as Store;
  const rooms = new Map<string, Set<string>>();
  const pushed: { room: string; event: string; count: SiteWaiting }[] = [];
  const agents = {
    adapter: { rooms },
    local: {
      to: (room: string) => ({
        emit: (event: string, count: SiteWaiting) => pushed.push({ room, event, count }),
      }),
    },
  } as unknown as AgentNamespace;
  const counts = new WaitingElsewhere(store, feed, agents, silentLogger);
  counts.attach();

  const deliver = (kind: Change['kind']) => {
    position += 1;
    const change = { kind, siteId: site.id, seq: position, at: 0 } as Change;
    const delivery: Delivery = { site, changes: [change], known: new Map() };
    for (const listener of listeners) listener(delivery);
  };
  return {
    counts,
    countWaiting,
    pushed,
    deliver,
    watch: () => rooms.set(waitingRoom(site.id), new Set(['socket-1'])),
    unwatch: () => rooms.delete(waitingRoom(site.id)),
    setWaiting: (n: number) => (waiting = n),
    holdCounts: () => (hold = true),
    release: () => {
      hold = false;
      held.splice(0).forEach((answer) => answer());
    },
  };
}

describe('waiting counts of other sites', () => {
  it('counts again for a conversation change while watched, and pushes only a count that moved', async () => {
    const t = setup();
    t.watch();
    t.setWaiting(1);
    t.deliver('followup');
    await t.counts.idle();
    expect(t.countWaiting).not.toHaveBeenCalled();

    t.deliver('conversation');
    await t.counts.idle();
    expect(t.pushed).toEqual([
      {
        room: waitingRoom('books'),
        event: 'site:waiting',
        count: { siteId: 'books', waiting: 1, seq: 2 },
      },
    ]);

    // Another change, the count unmoved: counted, not pushed.
    t.deliver('conversation');
    await t.counts.idle();
    expect(t.countWaiting).toHaveBeenCalledTimes(2);
    expect(t.pushed).toHaveLength(1);
    // The kept count answers a console's request without a read.
    expect(await t.counts.of(['books'])).toEqual([{ siteId: 'books', waiting: 1, seq: 3 }]);
    expect(t.countWaiting).toHaveBeenCalledTimes(2);
  });

  it('makes one more count for every change heard while one is under way', async () => {
    const t = setup();
    t.watch();
    t.holdCounts();
    t.setWaiting(1);
    t.deliver('conversation');
    await vi.waitFor(() => expect(t.countWaiting).toHaveBeenCalledTimes(1));
    // Three chats more while the first count runs.
    t.setWaiting(4);
    t.deliver('conversation');
    t.deliver('conversation');
    t.deliver('conversation');
    t.release();
    await t.counts.idle();
    expect(t.countWaiting).toHaveBeenCalledTimes(2);
    expect(t.pushed.map(({ count }) => count)).toEqual([
      { siteId: 'books', waiting: 1, seq: 1 },
      { siteId: 'books', waiting: 4, seq: 4 },
    ]);
  });

  it('forgets a site nobody here watches, and reads it again when asked', async () => {
    const t = setup();
    t.watch();
    t.setWaiting(2);
    expect(await t.counts.of(['books'])).toEqual([{ siteId: 'books', waiting: 2, seq: 0 }]);
    expect(await t.counts.of(['books'])).toEqual([{ siteId: 'books', waiting: 2, seq: 0 }]);
    expect(t.countWaiting).toHaveBeenCalledTimes(1);

    t.unwatch();
    t.setWaiting(3);
    t.deliver('conversation');
    await t.counts.idle();
    expect(t.countWaiting).toHaveBeenCalledTimes(1);
    expect(t.pushed).toEqual([]);
    expect(await t.counts.of(['books'])).toEqual([{ siteId: 'books', waiting: 3, seq: 1 }]);
    expect(t.countWaiting).toHaveBeenCalledTimes(2);
  });
});
