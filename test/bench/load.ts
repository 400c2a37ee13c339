/**
 * The clients of the socket phases, one code for every target: the real server (SQLite, or
 * PostgreSQL on one or two nodes) and the bare reference loop (bare-loop.ts) speak the same
 * events, so the figures set side by side come from the same load.
 *
 *   - ratings/s: visitor sockets rate their closed conversations, each with 8 ratings
 *     unacknowledged at a time (closed loop), each acknowledged after its commit;
 *   - rating → console: an open loop of ratings at a fixed rate, timed until a console socket
 *     receives the conversation carrying each;
 *   - chat messages/s and visitor → agent: the same two loops with visitor messages.
 *
 * Every wait is bounded: a phase that does not finish in time reports what it got.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD } from '../../server/demo/seed';

/** Where the clients go: visitors to one node, the console to the same node or another. */
export interface Target {
  name: string;
  visitorUrl: string;
  consoleUrl: string;
  siteId: string;
  /** Sign the console in as the demo supervisor (the real server); the bare loop has no accounts. */
  signIn: boolean;
}

export interface VisitorClient {
  socket: Socket;
  /** Closed, answered conversations of this visitor, ready to rate. */
  conversations: string[];
}

/** How long one acknowledgement may take before it counts as failed. */
const ACK_TIMEOUT_MS = 15_000;

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export function connect(url: string, namespace: string, options: Record<string, unknown> = {}) {
  return new Promise<Socket>((resolve, reject) => {
    const socket = io(`${url}${namespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: ACK_TIMEOUT_MS,
      ...options,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** An acknowledged emit: the answer's data, or an error (refused, or no answer in time). */
async function ask<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} (${answer.error.message})`);
  return answer.data;
}

/** The console: signed in as the demo supervisor on the real server, plain on the bare loop. */
export async function openConsole(target: Target): Promise<Socket> {
  if (!target.signIn) return connect(target.consoleUrl, '/agent');
  const response = await fetch(`${target.consoleUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'anna@demo.peakend.test', password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return connect(target.consoleUrl, '/agent', { extraHeaders: { cookie } });
}

/** `count` visitor sockets on the target's visitor node. */
export async function openVisitors(target: Target, count: number): Promise<VisitorClient[]> {
  return Promise.all(
    Array.from({ length: count }, async () => ({
      socket: await connect(target.visitorUrl, '/visitor', { auth: { siteId: target.siteId } }),
      conversations: [] as string[],
    })),
  );
}

/**
 * Gives each visitor `perVisitor` closed conversations to rate, made through the chat: the
 * visitor writes, the console answers (so the rating rates an agent) and closes. Visitors in
 * parallel, each one conversation after another. Stops making more at `deadline`.
 */
export async function prepareConversations(
  console_: Socket,
  visitors: VisitorClient[],
  perVisitor: number,
  deadline: number,
): Promise<{ made: number; failed: number; seconds: number }> {
  const started = performance.now();
  let made = 0;
  let failed = 0;
  await Promise.all(
    visitors.map(async (visitor) => {
      while (visitor.conversations.length < perVisitor && performance.now() < deadline) {
        try {
          const { id } = await ask<{ id: string }>(visitor.socket, 'message:send', {
            text: 'Hello',
          });
          await ask(console_, 'message:send', { conversationId: id, text: 'Done!' });
          await ask(console_, 'conversation:close', { conversationId: id });
          visitor.conversations.push(id);
          made++;
        } catch {
          failed++;
          if (failed > visitors.length * 3) return;
        }
      }
    }),
  );
  return { made, failed, seconds: (performance.now() - started) / 1000 };
}

export interface Throughput {
  done: number;
  failed: number;
  seconds: number;
  perSecond: number;
  /** The first refusal or timeout, to say why. */
  firstError: string | null;
}

interface Tally {
  done: number;
  failed: number;
  firstError: string | null;
}

/** Sends a batch at once and waits for every answer, counting them. */
async function batch(tally: Tally, sends: Promise<unknown>[]): Promise<void> {
  await Promise.all(
    sends.map((send) =>
      send.then(
        () => tally.done++,
        (error: unknown) => {
          tally.failed++;
          tally.firstError ??= (error as Error).message;
        },
      ),
    ),
  );
}

/**
 * A closed loop for `durationMs`: every client runs `client` (which sends a batch, waits for all
 * its answers, then the next) while `running()`; the rate is what was answered over the time
 * until the last batch was answered.
 */
async function closedLoop<C>(
  clients: C[],
  durationMs: number,
  client: (c: C, running: () => boolean, tally: Tally) => Promise<void>,
): Promise<Throughput> {
  const tally: Tally = { done: 0, failed: 0, firstError: null };
  const started = performance.now();
  const running = () => performance.now() - started < durationMs && tally.failed < 1000;
  await Promise.all(clients.map((c) => client(c, running, tally)));
  const seconds = (performance.now() - started) / 1000;
  return { ...tally, seconds, perSecond: tally.done / seconds };
}

/**
 * Ratings/s: each visitor rates its conversations `inFlight` at a time, the next batch once the
 * last is acknowledged, for `durationMs`: a first rating of each (4), then amendments (5, 4, …:
 * each a change, so each a new fact and a push, as a first rating is).
 */
export function ratingThroughput(
  visitors: VisitorClient[],
  inFlight: number,
  durationMs: number,
): Promise<Throughput> {
  return closedLoop(visitors, durationMs, async ({ socket, conversations }, running, tally) => {
    const n = conversations.length;
    if (n === 0) return;
    for (let i = 0; running(); i += Math.min(inFlight, n)) {
      await batch(
        tally,
        Array.from({ length: Math.min(inFlight, n) }, (_, j) => {
          const k = i + j;
          const end = Math.floor(k / n) % 2 === 0 ? 4 : 5;
          return ask(socket, 'rating:save', {
            conversationId: conversations[k % n],
            key: `t${k}`,
            end,
          });
        }),
      );
    }
  });
}

/**
 * Chat messages/s: for `durationMs`, each visitor chats in conversations of `perConversation`
 * messages: the first alone (it opens the conversation), the rest `inFlight` at a time, each
 * acknowledged; then the console closes it and the next opens. Messages are counted; the closes
 * take their time from the same loop.
 */
export function messageThroughput(
  console_: Socket,
  visitors: VisitorClient[],
  perConversation: number,
  inFlight: number,
  durationMs: number,
): Promise<Throughput> {
  return closedLoop(visitors, durationMs, async ({ socket }, running, tally) => {
    let n = 0;
    while (running()) {
      let id: string | undefined;
      await batch(tally, [
        ask<{ id: string }>(socket, 'message:send', { text: `Question ${n++}` }).then(
          (view) => (id = view.id),
        ),
      ]);
      if (id === undefined) continue;
      for (let sent = 1; sent < perConversation && running(); sent += inFlight) {
        const size = Math.min(inFlight, perConversation - sent);
        await batch(
          tally,
          Array.from({ length: size }, () =>
            ask(socket, 'message:send', { text: `Question ${n++}` }),
          ),
        );
      }
      if (running()) await ask(console_, 'conversation:close', { conversationId: id });
    }
  });
}

/**
 * Closes each visitor's open conversation from the console, so the next message opens a new
 * one (conversations stay as short as real chats, and the views as small).
 */
export async function closeOpenConversations(
  console_: Socket,
  visitors: VisitorClient[],
): Promise<void> {
  await Promise.all(
    visitors.map(async ({ socket }) => {
      const { id } = await ask<{ id: string }>(socket, 'message:send', { text: 'Bye' });
      await ask(console_, 'conversation:close', { conversationId: id });
    }),
  );
}

export interface Latency {
  sent: number;
  delivered: number;
  /** Answered with a refusal. */
  failed: number;
  /** Not answered at all, even after the drain. */
  unanswered: number;
  p50: number;
  p99: number;
  /** How long after the last send the bench waited for the rest. */
  waitedMs: number;
}

/**
 * How long an open loop waits after its last send: for deliveries (`waitMs`; later ones count as
 * not delivered), then, unmeasured, for the answers still owed (`drainMs` more), so the next
 * phase does not start behind this one's backlog.
 */
export interface Waits {
  waitMs: number;
  drainMs: number;
}

/**
 * An open loop: `rate` sends a second for `seconds`, whatever the answers, each timed until the
 * console receives it (`arrived` turns a console event into the keys it carries). Waits for the
 * stragglers at most `waitMs` after the last send; what has not arrived by then is reported as
 * not delivered.
 */
async function openLoop(
  console_: Socket,
  rate: number,
  seconds: number,
  { waitMs, drainMs }: Waits,
  send: (n: number, done: (answer: { ok: boolean }) => void) => string,
  arrived: (view: ConsoleView) => Iterable<string>,
): Promise<Latency> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let failed = 0;
  let answered = 0;
  const listener = (view: ConsoleView) => {
    const now = performance.now();
    for (const key of arrived(view)) {
      const t = sentAt.get(key);
      if (t !== undefined) {
        latencies.push(now - t);
        sentAt.delete(key);
      }
    }
  };
  console_.on('conversation', listener);
  const total = rate * seconds;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        const key = send(sent, (answer) => {
          answered++;
          if (!answer?.ok) failed++;
        });
        sentAt.set(key, performance.now());
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const lastSent = performance.now();
  while (sentAt.size > 0 && performance.now() - lastSent < waitMs) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const waitedMs = performance.now() - lastSent;
  console_.off('conversation', listener);
  while (answered < sent && performance.now() - lastSent < waitMs + drainMs) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent,
    delivered: sorted.length,
    failed,
    unanswered: sent - answered,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    waitedMs,
  };
}

/** What the bench reads of a console `conversation` event (real view or bare loop's). */
interface ConsoleView {
  id: string;
  rating?: { end: number } | null;
  messages?: { from: string; text: string }[];
}

/**
 * Rating → console: amendments of the visitors' ratings (each a change, so each a new fact and
 * a push), spread over all their conversations, at `rate` a second.
 */
export function ratingLatency(
  console_: Socket,
  visitors: VisitorClient[],
  rate: number,
  seconds: number,
  waits: Waits,
): Promise<Latency> {
  const all = visitors.flatMap(({ socket, conversations }) =>
    conversations.map((id) => ({ socket, id })),
  );
  if (all.length === 0) throw new Error('no conversations to rate');
  return openLoop(
    console_,
    rate,
    seconds,
    waits,
    (n, done) => {
      const { socket, id } = all[n % all.length]!;
      const end = 1 + (Math.floor(n / all.length) % 3); // 1, 2, 3 after the 4s: each a change
      socket.emit('rating:save', { conversationId: id, key: `l${n}`, end }, done);
      return `${id}:${end}`;
    },
    (view) => (view.rating ? [`${view.id}:${view.rating.end}`] : []),
  );
}

/** Visitor → agent: visitor messages, round-robin over the visitors, at `rate` a second. */
export async function messageLatency(
  console_: Socket,
  visitors: VisitorClient[],
  rate: number,
  seconds: number,
  waits: Waits,
): Promise<Latency> {
  // Each visitor's first message opens its conversation; the timed ones follow.
  await Promise.all(visitors.map(({ socket }) => ask(socket, 'message:send', { text: 'Hi' })));
  return openLoop(
    console_,
    rate,
    seconds,
    waits,
    (n, done) => {
      const text = `Timed ${n}`;
      visitors[n % visitors.length]!.socket.emit('message:send', { text }, done);
      return text;
    },
    function* (view) {
      for (const message of view.messages ?? []) if (message.from === 'visitor') yield message.text;
    },
  );
}

export function disconnectAll(sockets: Socket[]): void {
  for (const socket of sockets) socket.disconnect();
}
