// @vitest-environment node
/**
 * The widget's own small socket.io client against a real socket.io server: the wire protocol
 * must stay compatible with the stock server the product runs.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSocket, type ConnectError, type MiniSocket } from '../../widget/app/socket';

let http: HttpServer;
let io: Server;
let url: string;
const auths: unknown[] = [];
const sockets: MiniSocket[] = [];

beforeEach(async () => {
  vi.stubGlobal('WebSocket', WebSocket);
  http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  const visitors = io.of('/visitor');
  visitors.use((socket, next) => {
    auths.push(socket.handshake.auth);
    if (socket.handshake.auth.siteId === 'demo') next();
    else next(new Error('unknown site'));
  });
  visitors.on('connection', (socket) => {
    socket.on('hello', (_payload, ack) => {
      ack({ ok: true, data: { visitorToken: 'tok-1' } });
      socket.emit('conversation', { id: 'conv-1', messages: ['Hi ✓ "quoted", newline\n'] });
    });
    socket.on('echo', (payload, ack) => ack({ ok: true, data: payload }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  auths.length = 0;
});

afterEach(async () => {
  sockets.splice(0).forEach((s) => s.disconnect());
  await new Promise<void>((resolve) => io.close(() => resolve()));
  vi.unstubAllGlobals();
});

function open(auth: () => Record<string, unknown>) {
  const socket = createSocket(url, '/visitor', auth);
  sockets.push(socket);
  return socket;
}

function next(socket: MiniSocket, event: string): Promise<unknown[]> {
  return new Promise((resolve) => socket.on(event, (...args: never[]) => resolve(args)));
}

describe('widget socket client', () => {
  it('joins the namespace with its auth, gets acknowledgements and server events', async () => {
    const socket = open(() => ({ siteId: 'demo' }));
    await next(socket, 'connect');
    expect(socket.connected).toBe(true);
    expect(auths).toEqual([{ siteId: 'demo' }]);

    const pushed = next(socket, 'conversation');
    expect(await socket.emitWithAck('hello', {}, 5000)).toEqual({
      ok: true,
      data: { visitorToken: 'tok-1' },
    });
    expect(await pushed).toEqual([{ id: 'conv-1', messages: ['Hi ✓ "quoted", newline\n'] }]);
    expect(await socket.emitWithAck('echo', { text: '42["x"]' }, 5000)).toEqual({
      ok: true,
      data: { text: '42["x"]' },
    });
  });

  it('buffers emits made before the connection is up', async () => {
    const socket = open(() => ({ siteId: 'demo' }));
    const answer = socket.emitWithAck('echo', { early: true }, 5000);
    expect(await answer).toEqual({ ok: true, data: { early: true } });
  });

  it('reports a refused handshake with the server message, and does not retry', async () => {
    const socket = open(() => ({ siteId: 'nope' }));
    const [error] = (await next(socket, 'connect_error')) as [ConnectError];
    expect(error.message).toBe('unknown site');
    expect(socket.active).toBe(false);
  });

  it('reconnects after the connection drops, sending the latest auth', async () => {
    let token = 'first';
    const socket = open(() => ({ siteId: 'demo', visitorToken: token }));
    await next(socket, 'connect');
    token = 'second';
    const dropped = next(socket, 'disconnect');
    const reconnected = new Promise<void>((resolve) => {
      let n = 0;
      socket.on('connect', () => ++n === 1 && resolve());
    });
    for (const s of io.of('/visitor').sockets.values()) s.conn.close();
    expect(await dropped).toEqual(['transport close']);
    await reconnected;
    expect(auths.at(-1)).toEqual({ siteId: 'demo', visitorToken: 'second' });
  });

  it('times out an unanswered acknowledgement', async () => {
    const socket = open(() => ({ siteId: 'demo' }));
    await next(socket, 'connect');
    await expect(socket.emitWithAck('nobody-answers', {}, 200)).rejects.toThrow(/timed out/);
  });
});
