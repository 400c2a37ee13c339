/**
 * The socket events being handled right now, so a shutdown can let them finish. Closing the
 * sockets and the store at once would cut a rating between its commit and its acknowledgement
 * (the widget resends it: harmless, but noisy), and fail the handlers still reading the store.
 * Instead, on shutdown, events not yet started are dropped (the client's request fails with the
 * disconnect that follows, nothing of it stored, and the widget resends it after reconnecting),
 * and the ones already running are awaited until they have answered.
 */
import type { Socket } from 'socket.io';

type AnyNamespace = { on(event: 'connection', listener: (socket: Socket) => void): unknown };

/** Hears how long each answered event took, in seconds (server/metrics.ts). */
export type AckObserver = (namespace: string, event: string, seconds: number) => void;

export interface InFlight {
  /**
   * Stops starting new events, and resolves once every running one has answered, or after `ms`
   * (a stuck store must not hold a shutdown forever).
   */
  drain(ms: number): Promise<void>;
}

/**
 * Tracks events that ask for an answer, on every socket of the given namespaces, and tells
 * `observe` how long each took to answer.
 */
export function trackInFlight(namespaces: readonly unknown[], observe?: AckObserver): InFlight {
  let running = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const settle = () => {
    running--;
    if (running === 0) idle?.();
  };

  for (const namespace of namespaces as AnyNamespace[]) {
    namespace.on('connection', (socket) => {
      socket.use((packet, next) => {
        // Dropped: calling `next` with an error would log it as a socket error.
        if (draining) return;
        const [event] = packet;
        const ack = packet.at(-1);
        // An event no handler answers never calls its ack: counting it would stall the drain.
        const answered = typeof event === 'string' && socket.listeners(event).length > 0;
        if (answered && typeof ack === 'function') {
          running++;
          let settled = false;
          const started = performance.now();
          packet[packet.length - 1] = (...answer: unknown[]) => {
            if (!settled) {
              settled = true;
              settle();
              observe?.(socket.nsp.name, event, (performance.now() - started) / 1000);
            }
            (ack as (...answer: unknown[]) => void)(...answer);
          };
        }
        next();
      });
    });
  }

  return {
    drain(ms) {
      draining = true;
      if (running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
