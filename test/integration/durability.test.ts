/**
 * Durability of the real server process. A widget that got `ok` for a rating has been promised it
 * is kept: after a SIGKILL (a crash, the OOM killer) and a restart on the same database, every
 * acknowledged rating is there exactly once, and the widget's resends of the ones it never heard
 * back about count once too. On SIGTERM the server drains, closes and exits 0. `npm run backup`
 * copies the SQLite store while the server writes to it, and the copy is a working store. A
 * start on storage it cannot use is refused with a message that says what to fix.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { openSqliteStore } from '../../server/storage/sqlite';
import type { Store } from '../../server/storage/store';
import { exitWithin, launchServer, runScript, type ServerProcess } from '../support/process';
import { connectAgent, connectVisitor, data, freePort, next, tempDir } from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const ANNA = 'anna@demo.peakend.test';

/** A visitor of the demo site, with conversations Anna has answered and closed. */
interface Visitor {
  token: string;
  conversationIds: string[];
}

/**
 * One rating card's first step, and what became of it: never sent, sent with no answer (the
 * server went away), acknowledged with ok, or refused.
 */
interface Rating {
  visitorToken: string;
  conversationId: string;
  end: number;
  outcome: 'unsent' | 'sent' | 'acked' | 'refused';
}

async function closedConversations(url: string, visitors: number, each: number) {
  const anna = await connectAgent(url, ANNA);
  await next(anna, 'connect');
  try {
    return await Promise.all(
      Array.from({ length: visitors }, async (_, v): Promise<Visitor> => {
        const socket = connectVisitor(url, { siteId: 'demo' });
        await next(socket, 'connect');
        try {
          const { visitorToken } = data(await socket.emitWithAck('hello', {}));
          const conversationIds: string[] = [];
          for (let i = 0; i < each; i++) {
            // A visitor's message after a close starts their next conversation.
            const { id } = data(
              await socket.emitWithAck('message:send', { text: `Question ${i} of visitor ${v}` }),
            );
            data(await anna.emitWithAck('message:send', { conversationId: id, text: 'Done!' }));
            data(await anna.emitWithAck('conversation:close', { conversationId: id }));
            conversationIds.push(id);
          }
          return { token: visitorToken, conversationIds };
        } finally {
          socket.disconnect();
        }
      }),
    );
  } finally {
    anna.disconnect();
  }
}

/** One rating per conversation, its end varied (1 to 5) so a rating stored in the wrong place shows. */
function ratingsFor(visitors: readonly Visitor[]): Rating[] {
  return visitors.flatMap((visitor) =>
    visitor.conversationIds.map((conversationId, i) => ({
      visitorToken: visitor.token,
      conversationId,
      end: 1 + ((i + visitor.token.length) % 5),
      outcome: 'unsent' as const,
    })),
  );
}

/**
 * Every visitor sends its ratings one after another, each after the previous ack as the widget
 * does, all visitors at once. `onAck` hears the running count of acknowledgements. Resolves when
 * every visitor is done or has lost its connection; what was in flight then stays `sent`.
 */
async function rate(
  url: string,
  ratings: readonly Rating[],
  onAck: (acked: number) => void = () => undefined,
): Promise<void> {
  const byVisitor = new Map<string, Rating[]>();
  for (const r of ratings)
    byVisitor.set(r.visitorToken, [...(byVisitor.get(r.visitorToken) ?? []), r]);
  let acked = 0;
  await Promise.all(
    [...byVisitor].map(async ([visitorToken, own]) => {
      const socket = connectVisitor(url, { siteId: 'demo', visitorToken });
      await next(socket, 'connect');
      try {
        for (const rating of own) {
          if (!socket.connected) return;
          rating.outcome = 'sent';
          const ack = await socket
            // A bound for liveness: a lost connection normally rejects at once.
            .timeout(15_000)
            .emitWithAck('rating:save', {
              conversationId: rating.conversationId,
              key: 'end',
              end: rating.end,
            })
            .catch(() => null);
          if (!ack) return;
          rating.outcome = ack.ok ? 'acked' : 'refused';
          if (ack.ok) onAck(++acked);
        }
      } finally {
        socket.disconnect();
      }
    }),
  );
}

const count = (ratings: readonly Rating[], outcome: Rating['outcome']) =>
  ratings.filter((r) => r.outcome === outcome).length;

/** How many times each conversation's rating is stored, and with which ends. */
async function storedRatings(store: Store, ratings: readonly Rating[]) {
  return Promise.all(
    ratings.map(async (rating) => {
      const facts = await store.listFacts('demo', rating.conversationId);
      const ends = facts.flatMap((f) => (f.type === 'rating' ? [f.end] : []));
      return { rating, ends };
    }),
  );
}

/** Checks the store against what the visitors were told; returns how many ratings it holds. */
async function expectEachAckedRatingOnce(storage: TestStorage, ratings: readonly Rating[]) {
  const store = await storage.open();
  try {
    const stored = await storedRatings(store, ratings);
    for (const { rating, ends } of stored) {
      // Acknowledged: there, once, as sent. In flight: there at most once. Unsent: absent.
      const expected = {
        acked: [[rating.end]],
        sent: [[], [rating.end]],
        unsent: [[]],
        refused: [[]],
      }[rating.outcome];
      expect(expected, `${rating.outcome} ${rating.conversationId}`).toContainEqual(ends);
    }
    const held = stored.filter((s) => s.ends.length > 0).length;
    expect(await store.countedRatings('demo')).toHaveLength(held);
    return held;
  } finally {
    await store.close();
  }
}

const ZScores = z.object({
  agents: z.array(z.object({ agentId: z.string(), csat: z.object({ n: z.number() }) })),
});

/** Anna's CSAT count from the scores API, as her supervisor console reads it. */
async function annasRatingCount(url: string): Promise<number> {
  const signIn = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ANNA, password: DEMO_PASSWORD }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const response = await fetch(`${url}/api/v1/sites/demo/scores`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const scores = ZScores.parse(await response.json());
  return scores.agents.find((a) => a.agentId === 'anna')!.csat.n;
}

const kinds = await storeKinds();

describe.each(kinds)('ratings through a crash and a shutdown (%s)', (kind) => {
  let storage: TestStorage;
  let server: ServerProcess | undefined;
  let ratings: Rating[];
  const KILL_AFTER = 40;

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await launchServer(storage.databaseUrl);
    ratings = ratingsFor(await closedConversations(server.url, 6, 20));
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await storage?.remove();
  });

  it('keeps every acknowledged rating exactly once through a SIGKILL and a restart', async () => {
    const running = server!;
    await rate(running.url, ratings, (acked) => {
      if (acked === KILL_AFTER) running.child.kill('SIGKILL');
    });
    expect(await exitWithin(running, 10_000)).toEqual({ code: null, signal: 'SIGKILL' });
    server = undefined;
    expect(count(ratings, 'refused')).toBe(0);
    expect(count(ratings, 'acked')).toBeGreaterThanOrEqual(KILL_AFTER);
    // Killed mid-stream: some ratings were never sent.
    expect(count(ratings, 'unsent')).toBeGreaterThan(0);
    console.info(
      `${kind}: ${count(ratings, 'acked')} ratings acknowledged before the SIGKILL, ` +
        `${count(ratings, 'sent')} in flight, ${count(ratings, 'unsent')} not sent`,
    );

    server = await launchServer(storage.databaseUrl);
    const held = await expectEachAckedRatingOnce(storage, ratings);
    console.info(`${kind}: after the restart, ${held} ratings stored, each once`);
    // The restarted server's live scores count each stored rating once.
    expect(await annasRatingCount(server.url)).toBe(held);
  }, 120_000);

  it('counts the resends of unacknowledged ratings once, as the widget retries them', async () => {
    const acked = ratings.filter((r) => r.outcome === 'acked');
    const retried = [...ratings.filter((r) => r.outcome !== 'acked'), ...acked.slice(0, 10)];
    await rate(server!.url, retried);
    expect(retried.map((r) => r.outcome)).toEqual(retried.map(() => 'acked'));
    expect(await annasRatingCount(server!.url)).toBe(ratings.length);
    expect(await expectEachAckedRatingOnce(storage, ratings)).toBe(ratings.length);
  }, 120_000);

  it('drains on SIGTERM: in-flight ratings are answered or dropped, then it exits 0', async () => {
    const running = server!;
    const more = ratingsFor(await closedConversations(running.url, 4, 10));
    await rate(running.url, more, (acked) => {
      if (acked === 10) running.child.kill('SIGTERM');
    });
    // Every visitor's last request settled (the `rate` above returned), and the process ends
    // on its own, cleanly.
    expect(await exitWithin(running, 20_000)).toEqual({ code: 0, signal: null });
    server = undefined;
    expect(running.output()).toContain('SIGTERM: closing connections');
    // Cleanly: no handler was cut off by the store closing under it.
    expect(running.output()).not.toMatch(/\bfailed\b|Error\b/);
    expect(count(more, 'refused')).toBe(0);
    expect(count(more, 'acked')).toBeGreaterThanOrEqual(10);
    console.info(
      `${kind}: SIGTERM after 10 acknowledgements; ${count(more, 'acked')} acknowledged in all, ` +
        `${count(more, 'sent')} dropped while draining, ${count(more, 'unsent')} not sent`,
    );
    const held = await expectEachAckedRatingOnce(storage, [...ratings, ...more]);
    expect(held).toBeGreaterThanOrEqual(ratings.length + count(more, 'acked'));
  }, 120_000);
});

describe('a start on storage it cannot use', () => {
  const start = (env: Record<string, string>) =>
    runScript('server/index.ts', [], { PORT: '0', HOST: '127.0.0.1', PEAKEND_DEMO: '', ...env });

  it('refuses PostgreSQL that does not answer, naming where it looked', async () => {
    const port = await freePort(); // nothing listens there
    const refused = start({ DATABASE_URL: `postgres://peakend:secret@127.0.0.1:${port}/peakend` });
    expect(await exitWithin(refused, 30_000)).toEqual({ code: 1, signal: null });
    expect(refused.output()).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${port}/peakend`);
    expect(refused.output()).toContain('Check DATABASE_URL');
    expect(refused.output()).not.toContain('secret');
  }, 60_000);

  it.each(kinds)(
    'refuses a %s database from a newer Peakend',
    async (kind) => {
      const storage = await createTestStorage(kind);
      try {
        await (await storage.open()).close();
        await storage.setSchemaVersion(999);
        const refused = start({ DATABASE_URL: storage.databaseUrl });
        expect(await exitWithin(refused, 30_000)).toEqual({ code: 1, signal: null });
        expect(refused.output()).toMatch(
          /schema version 999, newer than this version of Peakend understands \(\d+\)\. Upgrade Peakend/,
        );
      } finally {
        await storage.remove();
      }
    },
    60_000,
  );

  it('refuses production mode without its secrets, naming each variable', async () => {
    const refused = start({
      NODE_ENV: 'production',
      DATABASE_URL: 'sqlite::memory:',
      PEAKEND_ADMIN_TOKEN: '',
      PUBLIC_URL: 'http://chat.example.com',
    });
    expect(await exitWithin(refused, 30_000)).toEqual({ code: 1, signal: null });
    expect(refused.output()).toContain('PEAKEND_ADMIN_TOKEN: required in production');
    expect(refused.output()).toContain('PUBLIC_URL: must be an https:// URL in production');
  }, 60_000);
});

describe('npm run backup (SQLite)', () => {
  const dir = tempDir();
  const live = join(dir.path, 'live.db');
  let server: ServerProcess | undefined;
  let ratings: Rating[];

  const backup = (args: string[], env: Record<string, string> = {}) =>
    runScript('server/backup.ts', args, { DATABASE_URL: `sqlite:${live}`, ...env });

  beforeAll(async () => {
    server = await launchServer(`sqlite:${live}`);
    ratings = ratingsFor(await closedConversations(server.url, 4, 10));
    await rate(server.url, ratings);
    expect(count(ratings, 'acked')).toBe(ratings.length);
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    dir.remove();
  });

  /** A visitor who keeps writing to one conversation until told to stop; counts the acks. */
  async function chatter(url: string) {
    const socket = connectVisitor(url, { siteId: 'demo' });
    await next(socket, 'connect');
    const { id } = data(await socket.emitWithAck('message:send', { text: 'Hello?' }));
    const state = { conversationId: id, acked: 1, stopped: false };
    const done = (async () => {
      try {
        while (!state.stopped) {
          data(await socket.emitWithAck('message:send', { text: `Still there? ${state.acked}` }));
          state.acked++;
        }
      } catch {
        // The server went away: the message in flight had no answer, and is not counted.
      } finally {
        socket.disconnect();
      }
    })();
    return { state, stop: () => ((state.stopped = true), done) };
  }

  /** Opens a copy as the server would, and checks it holds at least what was acknowledged. */
  async function expectCopyHolds(path: string, conversationId: string, messages: number) {
    const copy = await openSqliteStore(path);
    try {
      expect(await copy.getSite('demo')).toMatchObject({ id: 'demo' });
      expect((await copy.listAgents('demo')).map((a) => a.id)).toContain('anna');
      for (const { rating, ends } of await storedRatings(copy, ratings)) {
        expect(ends, rating.conversationId).toEqual([rating.end]);
      }
      expect(await copy.countedRatings('demo')).toHaveLength(ratings.length);
      const chat = await copy.listFacts('demo', conversationId);
      expect(chat.filter((f) => f.type === 'message').length).toBeGreaterThanOrEqual(messages);
    } finally {
      await copy.close();
    }
  }

  it('copies the store while the server keeps writing, into a working store', async () => {
    const writer = await chatter(server!.url);
    while (writer.state.acked < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const ackedBefore = writer.state.acked;
    const destination = join(dir.path, 'backups', 'peakend-live.db');
    const run = backup([destination]);
    expect(await exitWithin(run, 60_000)).toEqual({ code: 0, signal: null });
    const ackedDuring = writer.state.acked - ackedBefore;
    await writer.stop();
    expect(run.output()).toMatch(/^Backed up .*live\.db to .*peakend-live\.db \(.* MB/);
    console.info(`backup: ${ackedDuring} chat messages acknowledged while it ran`);
    // One self-contained file, nothing left beside it.
    expect(readdirSync(join(dir.path, 'backups'))).toEqual(['peakend-live.db']);

    // Everything acknowledged before the backup began is in the copy.
    await expectCopyHolds(destination, writer.state.conversationId, ackedBefore);
    // The server served on, undisturbed.
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('backs up a store left by a crash, with every acknowledged write', async () => {
    const writer = await chatter(server!.url);
    while (writer.state.acked < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    server!.child.kill('SIGKILL');
    await server!.exited;
    server = undefined;
    await writer.stop();
    const acked = writer.state.acked;

    const destination = join(dir.path, 'after-crash.db');
    const run = backup([destination]);
    expect(await exitWithin(run, 60_000)).toEqual({ code: 0, signal: null });
    await expectCopyHolds(destination, writer.state.conversationId, acked);
  }, 120_000);

  it('names the file by the time when no destination is given', async () => {
    // npm runs scripts from the package root; INIT_CWD is where the command was typed.
    const run = backup([], { INIT_CWD: dir.path });
    expect(await exitWithin(run, 60_000)).toEqual({ code: 0, signal: null });
    expect(readdirSync(join(dir.path, 'backups'))).toContainEqual(
      expect.stringMatching(/^peakend-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/),
    );
  }, 60_000);

  it('never overwrites an earlier backup', async () => {
    const destination = join(dir.path, 'backups', 'peakend-live.db');
    const run = backup([destination]);
    expect(await exitWithin(run, 60_000)).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain('exists already');
  }, 60_000);

  it('says there is nothing to back up when the database is missing', async () => {
    const missing = join(dir.path, 'nowhere', 'peakend.db');
    const run = backup([join(dir.path, 'x.db')], { DATABASE_URL: `sqlite:${missing}` });
    expect(await exitWithin(run, 60_000)).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain(`No Peakend database at ${missing}`);
    expect(existsSync(join(dir.path, 'x.db'))).toBe(false);
  }, 60_000);

  it('points to pg_dump for PostgreSQL, without repeating the password', async () => {
    const run = backup([], { DATABASE_URL: 'postgres://peakend:secret@db.internal/peakend' });
    expect(await exitWithin(run, 60_000)).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain('pg_dump');
    expect(run.output()).not.toContain('secret');
  }, 60_000);
});
