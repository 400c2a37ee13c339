/**
 * The bare reference loop that `npm run bench` measures Peakend against, in the same run and
 * driven by the same client code (load.ts). It is the least a server must do for a durable,
 * live rating, and nothing more:
 *
 * - socket.io, websocket transport only (as the real server);
 * - better-sqlite3 in WAL mode with synchronous=FULL (as the real SQLite store);
 * - group commit: every write that arrives during one turn of the event loop is queued, and the
 *   queue is committed in one transaction on the next turn (setImmediate), as the real store does;
 * - per rating, one prepared INSERT of the rating and one UPSERT of its agent's aggregate; per chat
 *   message, one INSERT of the message and one UPSERT of its conversation's activity row;
 * - each write is acknowledged only after its transaction committed, then emitted to the
 *   "console" room that the console sockets joined.
 *
 * It speaks the subset of the real protocol that the bench uses, with the same event names and
 * acknowledgement envelope (`{ ok: true, data }`): on /visitor `message:send` and `rating:save`,
 * on /agent `message:send` and `conversation:close`; the console receives `conversation` with the
 * conversation's id, the new message (if any) and its rating. No authentication, no validation
 * beyond types, no views: what it measures is the floor of socket.io + SQLite on this machine.
 *
 * Runs as its own process, like the real server: `PORT`, `HOST` and `BARE_DB` (the SQLite file)
 * come from the environment; `GET /healthz` answers once it listens; SIGTERM stops it.
 */
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { Server, type Socket } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const path = process.env.BARE_DB;
if (!path) throw new Error('BARE_DB must name the SQLite file');

const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS ratings (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    key TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    score INTEGER NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS agent_ratings (
    agent_id TEXT PRIMARY KEY,
    ratings INTEGER NOT NULL,
    total INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS conversation_activity (
    conversation_id TEXT PRIMARY KEY,
    messages INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    last_at INTEGER NOT NULL
  );
`);

const insertRating = db.prepare(
  'INSERT INTO ratings (conversation_id, key, agent_id, score, at) VALUES (?, ?, ?, ?, ?)',
);
const upsertAgent = db.prepare(
  `INSERT INTO agent_ratings (agent_id, ratings, total) VALUES (?, 1, ?)
   ON CONFLICT (agent_id) DO UPDATE SET ratings = ratings + 1, total = total + excluded.total`,
);
const insertMessage = db.prepare(
  'INSERT INTO messages (conversation_id, sender, text, at) VALUES (?, ?, ?, ?)',
);
const upsertActivity = db.prepare(
  `INSERT INTO conversation_activity (conversation_id, messages, closed, last_at)
   VALUES (?, ?, ?, ?)
   ON CONFLICT (conversation_id) DO UPDATE SET
     messages = messages + excluded.messages, closed = excluded.closed, last_at = excluded.last_at`,
);

/** One write: its statements (run inside the shared transaction), then what follows its commit. */
interface Write {
  run(): void;
  committed(): void;
}

const queue: Write[] = [];
const commitAll = db.transaction((writes: Write[]) => {
  for (const write of writes) write.run();
});

function commitQueued(): void {
  const writes = queue.splice(0);
  commitAll(writes);
  for (const write of writes) write.committed();
}

/** Group commit: queued during this turn, committed together on the next. */
function enqueue(write: Write): void {
  queue.push(write);
  if (queue.length === 1) setImmediate(commitQueued);
}

/** What the bare loop keeps in memory of a conversation (the real server reads its store). */
interface Conversation {
  id: string;
  agentId: string | null;
  closed: boolean;
}
const conversations = new Map<string, Conversation>();
let conversationCount = 0;

type Ack = (answer: unknown) => void;
const ok = (ack: unknown, data: unknown) => {
  if (typeof ack === 'function') (ack as Ack)({ ok: true, data });
};
const refuse = (ack: unknown, code: string) => {
  if (typeof ack === 'function') (ack as Ack)({ ok: false, error: { code, message: code } });
};
const text = (value: unknown) => (typeof value === 'string' ? value : '');

const httpServer = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end('{"status":"ok"}');
  } else {
    response.writeHead(404).end();
  }
});
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false });
const consoles = io.of('/agent');

io.of('/visitor').on('connection', (socket: Socket) => {
  let current: Conversation | null = null;

  socket.on('message:send', (payload: { text?: unknown }, ack: unknown) => {
    if (!current || current.closed) {
      current = { id: `c${++conversationCount}`, agentId: null, closed: false };
      conversations.set(current.id, current);
    }
    const conversation = current;
    const message = { from: 'visitor', text: text(payload?.text) };
    const at = Date.now();
    enqueue({
      run() {
        insertMessage.run(conversation.id, 'visitor', message.text, at);
        upsertActivity.run(conversation.id, 1, 0, at);
      },
      committed() {
        ok(ack, { id: conversation.id, status: 'open' });
        consoles
          .to('console')
          .emit('conversation', { id: conversation.id, messages: [message], rating: null });
      },
    });
  });

  socket.on(
    'rating:save',
    (payload: { conversationId?: unknown; key?: unknown; end?: unknown }, ack: unknown) => {
      const conversation = conversations.get(text(payload?.conversationId));
      const end = Number(payload?.end);
      if (!conversation) return refuse(ack, 'not_found');
      const agentId = conversation.agentId ?? 'anna';
      const at = Date.now();
      enqueue({
        run() {
          insertRating.run(conversation.id, text(payload.key), agentId, end, at);
          upsertAgent.run(agentId, end);
        },
        committed() {
          ok(ack, { end });
          consoles
            .to('console')
            .emit('conversation', { id: conversation.id, messages: [], rating: { end } });
        },
      });
    },
  );
});

consoles.on('connection', (socket: Socket) => {
  void socket.join('console');

  socket.on(
    'message:send',
    (payload: { conversationId?: unknown; text?: unknown }, ack: unknown) => {
      const conversation = conversations.get(text(payload?.conversationId));
      if (!conversation) return refuse(ack, 'not_found');
      conversation.agentId ??= 'anna';
      const message = { from: 'agent', text: text(payload.text) };
      const at = Date.now();
      enqueue({
        run() {
          insertMessage.run(conversation.id, 'agent', message.text, at);
          upsertActivity.run(conversation.id, 1, 0, at);
        },
        committed() {
          ok(ack, { id: conversation.id });
          consoles
            .to('console')
            .emit('conversation', { id: conversation.id, messages: [message], rating: null });
        },
      });
    },
  );

  socket.on('conversation:close', (payload: { conversationId?: unknown }, ack: unknown) => {
    const conversation = conversations.get(text(payload?.conversationId));
    if (!conversation) return refuse(ack, 'not_found');
    conversation.closed = true;
    const at = Date.now();
    enqueue({
      run() {
        upsertActivity.run(conversation.id, 0, 1, at);
      },
      committed() {
        ok(ack, { id: conversation.id, status: 'closed' });
      },
    });
  });
});

httpServer.listen(port, host);

process.on('SIGTERM', () => {
  void io.close(() => {
    db.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 2000).unref();
});
