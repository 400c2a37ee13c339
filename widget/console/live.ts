/**
 * The console's live connection: a small interface over the `/agent` socket.io namespace, so
 * components can be tested with a fake and never touch socket.io themselves.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckCallback } from '../../shared/ack';
import type { AgentClientEvents, AgentServerEvents } from '../../shared/protocol';
import { en } from './i18n/en';

/** Client events that expect an acknowledgement. */
export type RequestEvent = {
  [E in keyof AgentClientEvents]: Parameters<AgentClientEvents[E]>[1] extends (ack: never) => void
    ? E
    : never;
}[keyof AgentClientEvents];

export type PayloadOf<E extends keyof AgentClientEvents> = Parameters<AgentClientEvents[E]>[0];
export type DataOf<E extends RequestEvent> =
  Parameters<AgentClientEvents[E]>[1] extends AckCallback<infer T> ? T : never;

export type ConnectionState =
  /** First connection attempt. */
  | 'connecting'
  | 'connected'
  /** Lost, trying again. */
  | 'reconnecting'
  /** The server refused the session: sign in again. */
  | 'unauthorized';

export interface LiveClient {
  /** Sends an event and resolves with its acknowledgement; never rejects. */
  request<E extends RequestEvent>(event: E, payload: PayloadOf<E>): Promise<Ack<DataOf<E>>>;
  /** Fire-and-forget typing hint. */
  typing(payload: PayloadOf<'typing'>): void;
  on<E extends keyof AgentServerEvents>(event: E, listener: AgentServerEvents[E]): () => void;
  /** Connection state changes; `connected` is reported on every (re)connect. */
  onState(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

const ACK_TIMEOUT_MS = 10_000;
// In English; errors.ts words them in the language shown.
const OFFLINE = en.shell.errors.offline;
const TIMEOUT = en.shell.errors.timeout;

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export function connectLive(): LiveClient {
  const socket: AgentSocket = io('/agent', { transports: ['websocket'], withCredentials: true });
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const report = (state: ConnectionState) => stateListeners.forEach((listener) => listener(state));

  socket.on('connect', () => report('connected'));
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      socket.disconnect();
      report('unauthorized');
    } else {
      report('reconnecting');
    }
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    report('reconnecting');
    // The server dropped us on purpose (a restart, a deploy): socket.io does not retry by itself.
    if (reason === 'io server disconnect') socket.connect();
  });

  return {
    request(event, payload) {
      // Fail fast while offline rather than buffer: a buffered action could run long after the
      // agent was told it failed, and a retry would then do it twice.
      if (!socket.connected) {
        return Promise.resolve({
          ok: false,
          error: { code: 'internal', message: OFFLINE },
        });
      }
      return new Promise((resolve) => {
        // socket.io's typed emit cannot follow a generic event name; the public signature is typed.
        const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
          emit(
            event: string,
            payload: unknown,
            ack: (error: Error | null, answer: unknown) => void,
          ): void;
        };
        timed.emit(event, payload, (error, answer) => {
          if (error) {
            resolve({
              ok: false,
              error: {
                code: 'internal',
                message: socket.connected ? TIMEOUT : OFFLINE,
              },
            });
          } else {
            resolve(answer as Ack<never>);
          }
        });
      });
    },
    typing(payload) {
      if (socket.connected) socket.emit('typing', payload);
    },
    on(event, listener) {
      // Same reason as above: one generic listener registration.
      const target = socket as unknown as {
        on(event: string, fn: unknown): void;
        off(event: string, fn: unknown): void;
      };
      target.on(event, listener);
      return () => target.off(event, listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      stateListeners.clear();
      socket.disconnect();
    },
  };
}
