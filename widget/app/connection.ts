/**
 * The visitor's socket and the little state the panel renders from. One instance per mounted
 * widget; the socket opens when the visitor first opens the chat and stays open afterwards so
 * agent replies keep arriving while the panel is closed.
 *
 * Persisted (persist.ts): the visitor token, and whether the next page view should reconnect by
 * itself (due.ts). Rating steps go through the outbox (delivery.ts), never straight to the socket.
 * Not persisted: the conversation, which the server sends again on every `hello`.
 */
import type { Ack, AckCallback, AckError } from '../../shared/ack';
import type { VisitorProfile } from '../../shared/profile';
import { visitContext } from './visit';
import type {
  AgentRef,
  RatingSave,
  RatingView,
  SitePresence,
  VisitorClientEvents,
  VisitorConversationView,
} from '../../shared/protocol';
import type { Delivered, RatingDelivery } from './delivery';
import { startUntil } from './due';
import { readStored, writeStored } from './persist';
import { warnSetup } from './setup-warning';
import { createSocket, type ConnectError } from './socket';

export type Status = 'connecting' | 'online' | 'reconnecting' | 'unavailable';

export interface PendingMessage {
  id: number;
  text: string;
  /** The conversation, and how many messages it had, when this was sent. */
  conversationId: string | null;
  after: number;
}

/**
 * Pending messages the view now holds. The server's broadcast of a new message can arrive
 * before the acknowledgement that ends its pending state: without this it shows twice.
 */
function undelivered(pending: PendingMessage[], view: VisitorConversationView): PendingMessage[] {
  const claimed = new Set<number>();
  return pending.filter((p) => {
    const from = p.conversationId === view.id ? p.after : 0;
    const index = view.messages.findIndex(
      (m, i) => i >= from && !claimed.has(i) && m.from === 'visitor' && m.text === p.text,
    );
    if (index < 0) return true;
    claimed.add(index);
    return false;
  });
}

/** Identity verification: the site's signed-in user, vouched for by the site's server. */
export interface Identity {
  userId: string;
  userHash: string;
  /** Their email, if the page gave it: the server sets aside a rating from a team member's. */
  email?: string;
}

export interface ChatState {
  status: Status;
  /** The server's reason when the chat is unavailable (e.g. an unknown site). */
  reason: string | null;
  conversation: VisitorConversationView | null;
  /** The agent typing right now, if any. */
  typing: AgentRef | null;
  /** Messages sent but not yet acknowledged. */
  pending: PendingMessage[];
  /** The reply time the site states, in minutes; null: "a few minutes". */
  replyMinutes: number | null;
  /** Whether the team is there; null until the server has said. */
  presence: SitePresence | null;
}

export interface Chat {
  state(): ChatState;
  subscribe(listener: () => void): () => void;
  /** `email`: where to answer, left while the team is away (for a message that starts a chat). */
  send(text: string, email?: string): Promise<Ack<VisitorConversationView>>;
  setTyping(typing: boolean): void;
  end(): Promise<Ack<VisitorConversationView>>;
  reopen(): Promise<Ack<VisitorConversationView>>;
  /** "That didn't happen": the visitor disputes a promise marked kept (within its window). */
  dispute(promiseId: string): Promise<Ack<VisitorConversationView>>;
  /** Through the outbox: the server's answer, or null when the step is kept to be sent later. */
  saveRating(payload: RatingSave): Promise<Delivered>;
  /** The socket's way for rating steps, while it is connected (used by the delivery). */
  ratingSocket(): ((save: RatingSave) => Promise<Ack<RatingView>>) | null;
  /** The visitor's token, once the server has issued one. */
  token(): string | undefined;
  destroy(): void;
}

/** Longest wait for an acknowledgement before the widget says something went wrong. */
const ACK_TIMEOUT_MS = 10_000;
/** A typing indicator whose "stopped" never arrived disappears by itself. */
const TYPING_STALE_MS = 8_000;

/** Events the server acknowledges, and the `data` of their acknowledgement. */
type AckedEvent = Exclude<keyof VisitorClientEvents, 'typing'>;
type AckOf<E extends AckedEvent> =
  Parameters<VisitorClientEvents[E]>[1] extends AckCallback<infer T> ? T : never;

function failure(message: string): Ack<never> {
  return { ok: false, error: { code: 'internal', message } };
}

/**
 * `delivery` carries rating steps (it asks `ratingSocket()` whether the socket can); the
 * connection flushes it whenever the socket is (re)connected.
 */
export function connect(
  server: string,
  siteId: string,
  delivery: RatingDelivery,
  identity?: Identity,
  profile: () => VisitorProfile = () => ({}),
): Chat {
  let state: ChatState = {
    status: 'connecting',
    reason: null,
    conversation: null,
    typing: null,
    pending: [],
    replyMinutes: null,
    presence: null,
  };
  const listeners = new Set<() => void>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingIds = 0;
  // A verified user's token is kept in memory only: once they sign out of the site, the next
  // person at this browser must not inherit their conversations.
  let token = identity ? undefined : readStored(siteId, 'visitor') || undefined;
  const remember = (value: string | null) => {
    if (!identity) writeStored(siteId, 'visitor', value);
  };
  let retriedWithoutToken = false;

  function set(patch: Partial<ChatState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  function showConversation(view: VisitorConversationView | null): void {
    // Pushes and answers may cross: an older view of the conversation shown changes nothing.
    const shown = state.conversation;
    if (view && shown && view.id === shown.id && view.version < shown.version) return;
    const until = startUntil(view, readStored(siteId, 'asked'), Date.now());
    writeStored(siteId, 'due', until === null ? null : String(until));
    const current = state.conversation;
    // A message from the agent ends their typing indicator.
    const agentSpoke =
      view && current && view.id === current.id && view.messages.length > current.messages.length;
    set({
      conversation: view,
      ...(view && { pending: undelivered(state.pending, view) }),
      ...(agentSpoke && { typing: null }),
    });
  }

  // WebSocket only: no sticky sessions needed behind a load balancer, no long-polling bytes.
  // The auth is read at each handshake, so a reconnection sends the latest token.
  const socket = createSocket(server, '/visitor', () =>
    identity ? { siteId, ...identity } : token ? { siteId, visitorToken: token } : { siteId },
  );

  /**
   * Every acknowledged emit (payload types from VisitorClientEvents), with a timeout; never
   * rejects.
   */
  async function request<T>(answer: Promise<unknown>): Promise<Ack<T>> {
    try {
      return ((await answer) as Ack<T> | undefined) || failure('no answer');
    } catch (error) {
      return failure((error as Error).message);
    }
  }

  const call = <E extends AckedEvent>(event: E, payload: Parameters<VisitorClientEvents[E]>[0]) =>
    request<AckOf<E>>(socket.emitWithAck(event, payload, ACK_TIMEOUT_MS));

  socket.on('connect', () => {
    set({ status: 'online', reason: null });
    void call('hello', {}).then((ack) => {
      if (!ack.ok) {
        // A timeout while the connection dropped is retried by the next `connect`.
        if (socket.connected) set({ status: 'unavailable', reason: ack.error.message });
        return;
      }
      token = ack.data.visitorToken;
      remember(token);
      set({ replyMinutes: ack.data.replyMinutes, presence: ack.data.presence });
      showConversation(ack.data.conversation);
      // Steps kept while the socket was away go now, over the socket.
      void delivery.flush();
    });
  });

  socket.on('connect_error', (error: ConnectError) => {
    if (socket.active) {
      // A network problem: socket.io keeps retrying by itself.
      set({ status: state.status === 'connecting' ? 'connecting' : 'reconnecting' });
      return;
    }
    // The server refused the handshake. A stale or foreign token is the one thing the widget
    // can fix itself: forget it and try once as a new visitor.
    if (token && !retriedWithoutToken) {
      retriedWithoutToken = true;
      token = undefined;
      remember(null);
      socket.connect();
      return;
    }
    const refusal = error.data as AckError | undefined;
    warnSetup(refusal && refusal.cause, error.message);
    set({ status: 'unavailable', reason: error.message || null });
  });

  socket.on('disconnect', (reason: string) => {
    // "io client disconnect" is our own destroy(); everything else reconnects by itself.
    if (reason !== 'io client disconnect') set({ status: 'reconnecting', typing: null });
  });

  socket.on('conversation', showConversation);

  socket.on('presence', (presence: SitePresence) => set({ presence }));

  socket.on('typing', ({ typing, agent }: { typing: boolean; agent: AgentRef }) => {
    clearTimeout(typingTimer);
    set({ typing: typing ? agent : null });
    if (typing) typingTimer = setTimeout(() => set({ typing: null }), TYPING_STALE_MS);
  });

  function withConversation(
    event: 'conversation:end' | 'conversation:reopen' | 'promise:dispute',
    promiseId?: string,
  ): Promise<Ack<VisitorConversationView>> {
    const conversation = state.conversation;
    if (!conversation) return Promise.resolve(failure('no conversation'));
    const payload = { conversationId: conversation.id, ...(promiseId && { promiseId }) };
    return call(event, payload).then((ack) => {
      if (ack.ok) showConversation(ack.data);
      return ack;
    });
  }

  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async send(text, email) {
      const current = state.conversation;
      const pending = {
        id: ++pendingIds,
        text,
        conversationId: current?.id ?? null,
        after: current?.messages.length ?? 0,
      };
      set({ pending: [...state.pending, pending] });
      // A message that starts a conversation says who the visitor is; later ones need not.
      const starts = !current || current.status === 'closed';
      const said = profile();
      const withProfile = starts && (said.segment !== undefined || said.attributes !== undefined);
      const ack = await call('message:send', {
        text,
        ...(withProfile && { profile: said }),
        ...(starts && { visit: visitContext() }),
        ...(starts && email && { contact: { email } }),
      });
      const rest = state.pending.filter((p) => p !== pending);
      if (ack.ok) {
        set({ pending: rest });
        showConversation(ack.data);
      } else set({ pending: rest });
      return ack;
    },
    setTyping(typing) {
      if (socket.connected) socket.emit('typing', { typing });
    },
    end: () => withConversation('conversation:end'),
    reopen: () => withConversation('conversation:reopen'),
    dispute: (promiseId) => withConversation('promise:dispute', promiseId),
    saveRating: (payload) => delivery.save(payload),
    ratingSocket: () => (socket.connected ? (save) => call('rating:save', save) : null),
    token: () => token,
    destroy() {
      clearTimeout(typingTimer);
      listeners.clear();
      socket.disconnect();
    },
  };
}
