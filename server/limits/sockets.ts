/**
 * Rate limits of the two socket namespaces: handshakes per address (before any storage is read),
 * then each event per visitor or agent and per address, before its handler runs. An event over
 * its limit is answered `{ ok: false, error: { code: 'rate_limited', … } }` when it asks for an
 * answer, and dropped otherwise (typing hints).
 */
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import proxyaddr from 'proxy-addr';
import type { Server, Socket } from 'socket.io';
import type { AckError } from '../../shared/ack';
import type { AgentClientEvents, VisitorClientEvents } from '../../shared/protocol';
import { Refusal } from '../errors';
import type { AgentNamespace, VisitorNamespace } from '../live/rooms';
import type { Logger } from '../logger';
import { connectError } from '../sockets/handle';
import type { RateLimits, Who } from './limiter';
import type { Action } from './policy';

/**
 * What each event counts as. Typed against the event maps, so a new event must be placed here;
 * an event outside the map (which no handler answers) counts with the namespace's other events.
 */
const VISITOR_EVENTS: Record<keyof VisitorClientEvents, Action> = {
  hello: 'visitorEvent',
  'message:send': 'message',
  typing: 'typing',
  'conversation:end': 'visitorEvent',
  'conversation:reopen': 'visitorEvent',
  'rating:save': 'rating',
  'promise:dispute': 'visitorEvent',
};

const AGENT_EVENTS: Record<keyof AgentClientEvents, Action> = {
  'inbox:list': 'agentEvent',
  'conversation:claim': 'agentEvent',
  'message:send': 'agentEvent',
  typing: 'agentTyping',
  'promise:make': 'agentEvent',
  'promise:keep': 'agentEvent',
  'conversation:close': 'agentEvent',
  'conversation:get': 'agentEvent',
  'scores:get': 'agentEvent',
  'scores:breakdown': 'agentEvent',
  'followups:list': 'agentEvent',
  'followup:update': 'agentEvent',
  'sites:waiting': 'agentEvent',
};

export type AddressOf = (request: IncomingMessage) => string | undefined;

/**
 * The client's address for a socket's handshake request, by the same rule as Express's `req.ip`
 * ("trust proxy"), so a client is one client to routes and sockets alike.
 */
export function addressOf(app: Express): AddressOf {
  return (request) => {
    try {
      return proxyaddr(request, app.get('trust proxy fn') as (addr: string, i: number) => boolean);
    } catch {
      // The connection is already gone (no remote address): nothing to count it by.
      return request.socket?.remoteAddress;
    }
  };
}

interface Deps {
  engine: Server['engine'];
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  limits: RateLimits;
  addressOf: AddressOf;
  log: Logger;
}

/** Registers the limits on both namespaces; call before their own middleware and handlers. */
export function limitSockets({ engine, visitors, agents, limits, addressOf, log }: Deps): void {
  const asRefusal = (error: unknown): Refusal => {
    if (error instanceof Refusal) return error;
    log.error('rate limit check failed', error);
    return new Refusal('internal', 'Something went wrong on our side.');
  };

  // Any connection, even one that never asks for a namespace (and so meets no handshake limit):
  // over the limit it is closed at once. Normal clients meet the handshake limit below first.
  engine.on('connection', (connection: { request: IncomingMessage; close(): void }) => {
    limits.take('connection', { ip: addressOf(connection.request) }).catch((error: unknown) => {
      if (!(error instanceof Refusal)) log.error('rate limit check failed', error);
      connection.close();
    });
  });

  for (const namespace of [visitors, agents] as unknown as AnyNamespace[]) {
    namespace.use((socket, next) => {
      limits.take('handshake', { ip: addressOf(socket.request) }).then(
        () => next(),
        (error: unknown) => {
          const refusal = asRefusal(error);
          const refused = connectError(refusal.code, refusal.message);
          // As an acknowledgement's error: with `retryAfterSeconds` when rate limited.
          refused.data = refusal.toAckError();
          next(refused);
        },
      );
    });
  }

  visitors.on('connection', (socket) => {
    const { siteId, visitorId } = socket.data;
    limitEvents(socket as unknown as Socket, VISITOR_EVENTS, 'visitorEvent', {
      ip: addressOf(socket.request),
      visitor: `${siteId}\n${visitorId}`,
    });
  });
  agents.on('connection', (socket) => {
    const { agent } = socket.data;
    limitEvents(socket as unknown as Socket, AGENT_EVENTS, 'agentEvent', {
      ip: addressOf(socket.request),
      agent: `${agent.siteId}\n${agent.id}`,
    });
  });

  function limitEvents(
    socket: Socket,
    actions: Record<string, Action>,
    otherwise: Action,
    who: Who,
  ): void {
    socket.use((packet, next) => {
      const [event] = packet;
      // Own keys only: an event named "__proto__" or "constructor" is just another event.
      const action =
        typeof event === 'string' && Object.hasOwn(actions, event) ? actions[event] : undefined;
      limits.take(action ?? otherwise, who).then(
        () => next(),
        (error: unknown) => {
          const ack = packet.at(-1);
          if (typeof ack !== 'function') return;
          const answer: { ok: false; error: AckError } = {
            ok: false,
            error: asRefusal(error).toAckError(),
          };
          (ack as (answer: unknown) => void)(answer);
        },
      );
    });
  }
}

type AnyNamespace = {
  use(fn: (socket: Socket, next: (error?: Error) => void) => void): unknown;
};
