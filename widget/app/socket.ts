/**
 * A minimal socket.io client: one namespace, WebSocket transport only, JSON only (no binary
 * attachments), acknowledgements, heartbeat, reconnection with back-off.
 *
 * Why not socket.io-client: it weighs ~12.8 KB gzip on its own (polling, WebTransport, binary
 * packets and upgrade machinery the widget never uses), which with Preact and the UI breaks the
 * 25 KB budget for the whole widget. The server is stock socket.io 4, and this speaks its wire
 * protocols as documented:
 *   Engine.IO v4  https://socket.io/docs/v4/engine-io-protocol/
 *   Socket.IO v5  https://socket.io/docs/v4/socket-io-protocol/
 * The surface mirrors socket.io-client's (`on`, `emit`, `emitWithAck`, `connected`, `active`,
 * `connect`, `disconnect`; reserved events `connect`, `connect_error`, `disconnect`) so
 * switching back is a change of import.
 */

type Handler = (...args: never[]) => void;

export interface ConnectError extends Error {
  /** Extra details the server attached to its handshake error, if any. */
  data?: unknown;
}

export interface MiniSocket {
  readonly connected: boolean;
  /** False once the server refused the handshake or `disconnect()` was called: no retries. */
  readonly active: boolean;
  on(event: string, handler: Handler): void;
  emit(event: string, ...args: unknown[]): void;
  /** Resolves with the server's acknowledgement; rejects after `timeoutMs`. */
  emitWithAck(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  connect(): void;
  disconnect(): void;
}

/** socket.io-client's defaults: 1 s doubling to 5 s, ±50 % jitter. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 5_000;

/**
 * `server`: an http(s) origin; `namespace`: e.g. "/visitor"; `auth`: read at every handshake,
 * so a token received later is sent on the next reconnection.
 */
export function createSocket(
  server: string,
  namespace: string,
  auth: () => Record<string, unknown>,
): MiniSocket {
  const url = server.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket';
  const prefix = namespace === '/' ? '' : namespace + ',';
  const handlers: Record<string, Handler[]> = {};
  const acks = new Map<number, (value: unknown) => void>();
  /** Packets emitted while disconnected, sent once connected (as socket.io-client does). */
  let buffer: string[] = [];
  let ws: WebSocket | null = null;
  let connected = false;
  let active = false;
  let attempts = 0;
  let nextAck = 0;
  let heartbeatMs = 45_000;
  let heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function fire(event: string, ...args: unknown[]): void {
    for (const handler of handlers[event] || []) (handler as (...a: unknown[]) => void)(...args);
  }

  function send(packet: string): void {
    if (ws && ws.readyState === 1) ws.send(packet);
  }

  /** The server pings every `pingInterval`; silence past `pingTimeout` means a dead link. */
  function heartbeat(): void {
    clearTimeout(heartbeatTimer);
    heartbeatTimer = setTimeout(() => drop('ping timeout'), heartbeatMs);
  }

  function open(): void {
    clearTimeout(retryTimer);
    const socket = new WebSocket(url);
    ws = socket;
    socket.onmessage = (event) => onEnginePacket(String(event.data));
    // `error` is always followed by `close`.
    socket.onclose = () => drop('transport close');
  }

  function close(): void {
    clearTimeout(heartbeatTimer);
    if (ws) {
      ws.onclose = ws.onmessage = null;
      ws.close();
      ws = null;
    }
  }

  function drop(reason: string): void {
    close();
    if (connected) {
      connected = false;
      fire('disconnect', reason);
    } else if (active) {
      fire('connect_error', new Error('websocket error'));
    }
    if (active) {
      const delay = Math.min(RETRY_MIN_MS * 2 ** attempts++, RETRY_MAX_MS);
      retryTimer = setTimeout(open, delay * (0.5 + Math.random()));
    }
  }

  function onEnginePacket(data: string): void {
    const type = data.charAt(0);
    if (type === '0') {
      // Engine.IO open: learn the heartbeat, then join the namespace with our auth.
      const handshake = JSON.parse(data.slice(1)) as { pingInterval: number; pingTimeout: number };
      heartbeatMs = handshake.pingInterval + handshake.pingTimeout;
      heartbeat();
      send('40' + prefix + JSON.stringify(auth()));
    } else if (type === '2') {
      heartbeat();
      send('3');
    } else if (type === '1') {
      drop('transport close');
    } else if (type === '4') {
      onSocketPacket(data.slice(1));
    }
  }

  function onSocketPacket(data: string): void {
    const type = data.charAt(0);
    let rest = data.slice(1);
    if (prefix) {
      if (rest.slice(0, prefix.length) !== prefix) return;
      rest = rest.slice(prefix.length);
    }
    const [, id, json] = /^(\d*)([\s\S]*)$/.exec(rest) as RegExpExecArray;
    const payload = json ? JSON.parse(json) : undefined;
    if (type === '0') {
      connected = true;
      attempts = 0;
      fire('connect');
      const queued = buffer;
      buffer = [];
      queued.forEach(send);
    } else if (type === '2' && Array.isArray(payload)) {
      const [event, ...args] = payload as [string, ...unknown[]];
      if (id)
        args.push((...answer: unknown[]) => send('43' + prefix + id + JSON.stringify(answer)));
      fire(event, ...args);
    } else if (type === '3' && id) {
      const ack = acks.get(+id);
      acks.delete(+id);
      if (ack) ack(Array.isArray(payload) ? payload[0] : undefined);
    } else if (type === '4') {
      // The server's middleware refused us (e.g. an unknown site): socket.io does not retry.
      active = false;
      close();
      const error: ConnectError = new Error((payload && payload.message) || 'refused');
      error.data = payload && payload.data;
      fire('connect_error', error);
    } else if (type === '1') {
      active = false;
      connected = false;
      close();
      fire('disconnect', 'io server disconnect');
    }
  }

  function packet(event: string, args: unknown[], ackId?: number): void {
    const p = '42' + prefix + (ackId === undefined ? '' : ackId) + JSON.stringify([event, ...args]);
    if (connected) send(p);
    else buffer.push(p);
  }

  const socket: MiniSocket = {
    get connected() {
      return connected;
    },
    get active() {
      return active;
    },
    on(event, handler) {
      (handlers[event] ||= []).push(handler);
    },
    emit(event, ...args) {
      packet(event, args);
    },
    emitWithAck(event, payload, timeoutMs) {
      return new Promise((resolve, reject) => {
        const id = nextAck++;
        const timer = setTimeout(() => {
          acks.delete(id);
          reject(new Error('operation has timed out'));
        }, timeoutMs);
        acks.set(id, (value) => {
          clearTimeout(timer);
          resolve(value);
        });
        packet(event, [payload], id);
      });
    },
    connect() {
      if (active) return;
      active = true;
      attempts = 0;
      open();
    },
    disconnect() {
      active = false;
      buffer = [];
      if (connected) send('41' + prefix);
      const was = connected;
      connected = false;
      close();
      clearTimeout(retryTimer);
      if (was) fire('disconnect', 'io client disconnect');
    },
  };
  socket.connect();
  return socket;
}
