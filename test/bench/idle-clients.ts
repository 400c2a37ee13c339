/**
 * A helper process of the idle-sockets phase (idle.ts): opens `count` visitor sockets to `url`,
 * `concurrency` handshakes at a time, reports to its parent over IPC, then holds them idle until
 * told to close. Several of these share the sockets so that no process (this one included)
 * needs more open files than the machine allows one.
 *
 *   node --import tsx test/bench/idle-clients.ts URL SITE_ID COUNT CONCURRENCY
 */
import { io, type Socket } from 'socket.io-client';

const [url, siteId, countArg, concurrencyArg] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const sockets: Socket[] = [];
let connected = 0;
let failed = 0;
let firstError: string | null = null;

function open(): Promise<void> {
  return new Promise((resolve) => {
    const socket = io(`${url}/visitor`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      auth: { siteId },
    });
    socket.once('connect', () => {
      connected++;
      sockets.push(socket);
      resolve();
    });
    socket.once('connect_error', (error) => {
      failed++;
      firstError ??= error.message;
      socket.disconnect();
      resolve();
    });
  });
}

// The bench went away: nothing to hold the sockets for.
process.on('disconnect', () => process.exit(0));

async function main() {
  let next = 0;
  const progress = setInterval(() => process.send!({ connected, failed }), 1000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await open();
      }
    }),
  );
  clearInterval(progress);
  // Sockets that dropped while idle are counted against the figure.
  let dropped = 0;
  for (const socket of sockets) socket.once('disconnect', () => dropped++);
  process.send!({ connected, failed, firstError, done: true });
  process.on('message', (message: { close?: boolean; check?: boolean }) => {
    if (message.check) process.send!({ connected, failed, dropped, firstError, done: true });
    if (message.close) {
      for (const socket of sockets) socket.disconnect();
      process.exit(0);
    }
  });
}

void main();
