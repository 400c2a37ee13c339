/**
 * The signed-in console's live state: one connection to `/agent`, the inbox, the scores and who
 * is typing, kept current by server pushes and reloaded on every (re)connect.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Ack, AckError } from '../../shared/ack';
import type {
  AgentConversationView,
  LiveScores,
  ScoreBreakdown,
  SignedInAgent,
} from '../../shared/protocol';
import { en } from './i18n/en';
import { followWaiting, NO_COUNTS, type WaitingCounts } from './elsewhere';
import { addPage, sortConversations, upsertConversation } from './inbox';
import type { ConnectionState, DataOf, LiveClient, PayloadOf } from './live';

/** In English; errors.ts words it in the language shown. */
const NOT_CONNECTED = {
  ok: false as const,
  error: { code: 'internal' as const, message: en.shell.errors.notConnected },
};

/** A typing hint that is not renewed is dropped after this long (a lost "stopped typing"). */
const TYPING_TTL_MS = 8_000;

/** Requests whose answer is the conversation they changed. */
export type ConversationEvent =
  'conversation:claim' | 'message:send' | 'promise:make' | 'promise:keep' | 'conversation:close';

/** Why the inbox, the scores or both could not be loaded (the console words it). */
export interface LoadError {
  conversations?: AckError;
  scores?: AckError;
}

export interface LiveConsole {
  /** A page of the follow-up queue the member sees, with what is new for them. */
  /** One conversation of the site by id, as the live view shows it (for the history). */
  conversation(conversationId: string): Promise<Ack<AgentConversationView>>;
  followups(filter: PayloadOf<'followups:list'>): Promise<Ack<DataOf<'followups:list'>>>;
  /** Changes a follow-up item (status, owner, note, reason). */
  updateFollowup(payload: PayloadOf<'followup:update'>): Promise<Ack<DataOf<'followup:update'>>>;
  /** Grows whenever the follow-up queue may have changed: read it again then. */
  followupsSeen: number;
  connection: ConnectionState;
  agent: SignedInAgent;
  /** Null until the first inbox load answers. */
  conversations: AgentConversationView[] | null;
  /** Whether the inbox has more pages than those loaded. */
  hasMore: boolean;
  /** Loads the inbox's next page; resolves with why it could not, or null. */
  loadMore(): Promise<AckError | null>;
  scores: LiveScores | null;
  /** Conversation ids whose visitor is typing. */
  typing: ReadonlySet<string>;
  /** Why the inbox or the scores could not be loaded, if they could not. */
  loadError: LoadError | null;
  /** How many chats wait on each of the person's other sites (elsewhere.ts). */
  waitingElsewhere: WaitingCounts;
  /** Sends an action; on success the conversation it returns replaces the one shown. */
  act<E extends ConversationEvent>(event: E, payload: PayloadOf<E>): Promise<Ack<DataOf<E>>>;
  sendTyping(conversationId: string, typing: boolean): void;
  /** An agent's score breakdown: what moved their scores lately. */
  breakdown(agentId: string): Promise<Ack<ScoreBreakdown>>;
}

export function useLiveConsole(
  connect: () => LiveClient,
  initialAgent: SignedInAgent,
  onUnauthorized: () => void,
): LiveConsole {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [agent, setAgent] = useState(initialAgent);
  const [conversations, setConversations] = useState<AgentConversationView[] | null>(null);
  const [scores, setScores] = useState<LiveScores | null>(null);
  const [typing, setTyping] = useState<ReadonlySet<string>>(new Set());
  const [loadError, setLoadError] = useState<LoadError | null>(null);
  const [waitingElsewhere, setWaitingElsewhere] = useState<WaitingCounts>(NO_COUNTS);
  /** The cursor of the inbox's next page (null: none). */
  const [nextPage, setNextPage] = useState<string | null>(null);
  const liveRef = useRef<LiveClient | null>(null);
  /** Grows whenever the follow-up queue may have changed: a push, or a (re)connection. */
  const [followupsSeen, setFollowupsSeen] = useState(0);
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  // The session was read again (a site created or renamed): show what it says now.
  useEffect(() => setAgent(initialAgent), [initialAgent]);

  useEffect(() => {
    const live = connect();
    liveRef.current = live;
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
    let closed = false;
    const waiting = followWaiting(live, setWaitingElsewhere);

    const setVisitorTyping = (conversationId: string, isTyping: boolean) => {
      const timer = typingTimers.get(conversationId);
      if (timer) clearTimeout(timer);
      typingTimers.delete(conversationId);
      if (isTyping) {
        typingTimers.set(
          conversationId,
          setTimeout(() => setVisitorTyping(conversationId, false), TYPING_TTL_MS),
        );
      }
      setTyping((current) => {
        if (current.has(conversationId) === isTyping) return current;
        const next = new Set(current);
        if (isTyping) next.add(conversationId);
        else next.delete(conversationId);
        return next;
      });
    };

    const load = async () => {
      const [inbox, liveScores] = await Promise.all([
        live.request('inbox:list', {}),
        live.request('scores:get', {}),
      ]);
      if (closed) return;
      const problems: LoadError = {};
      if (inbox.ok) {
        setAgent(inbox.data.agent);
        // A (re)connect starts the inbox over from its first page.
        setConversations(sortConversations(inbox.data.conversations));
        setNextPage(inbox.data.next ?? null);
      } else {
        problems.conversations = inbox.error;
      }
      if (liveScores.ok) setScores(liveScores.data);
      else problems.scores = liveScores.error;
      setLoadError(problems.conversations || problems.scores ? problems : null);
    };

    const unsubscribe = [
      live.onState((state) => {
        if (closed) return;
        setConnection(state);
        if (state === 'connected') {
          void load();
          waiting.load();
          setFollowupsSeen((n) => n + 1);
        }
        if (state === 'unauthorized') unauthorizedRef.current();
      }),
      live.on('conversation', (view) => {
        setConversations((current) => upsertConversation(current ?? [], view));
        // A new visitor message means whatever they were typing has arrived.
        const last = view.messages[view.messages.length - 1];
        if (last?.from === 'visitor' || view.status === 'closed') setVisitorTyping(view.id, false);
      }),
      live.on('typing', ({ conversationId, typing: isTyping }) =>
        setVisitorTyping(conversationId, isTyping),
      ),
      live.on('scores', (next) => setScores(next)),
      live.on('followups:changed', () => setFollowupsSeen((n) => n + 1)),
    ];

    return () => {
      closed = true;
      waiting.stop();
      unsubscribe.forEach((off) => off());
      typingTimers.forEach((timer) => clearTimeout(timer));
      live.close();
      liveRef.current = null;
    };
  }, [connect]);

  const act = useCallback(
    async <E extends ConversationEvent>(
      event: E,
      payload: PayloadOf<E>,
    ): Promise<Ack<DataOf<E>>> => {
      const live = liveRef.current;
      if (!live) {
        return NOT_CONNECTED;
      }
      const answer = await live.request(event, payload);
      if (answer.ok) {
        const view = answer.data as AgentConversationView;
        setConversations((current) => upsertConversation(current ?? [], view));
      }
      return answer;
    },
    [],
  );

  const loadMore = useCallback(async (): Promise<AckError | null> => {
    const live = liveRef.current;
    if (!live || nextPage === null) return null;
    const page = await live.request('inbox:list', { cursor: nextPage });
    if (!page.ok) return page.error;
    setConversations((current) => addPage(current ?? [], page.data.conversations));
    setNextPage(page.data.next);
    return null;
  }, [nextPage]);

  const sendTyping = useCallback((conversationId: string, isTyping: boolean) => {
    liveRef.current?.typing({ conversationId, typing: isTyping });
  }, []);

  const breakdown = useCallback(async (agentId: string): Promise<Ack<ScoreBreakdown>> => {
    const live = liveRef.current;
    if (!live) {
      return NOT_CONNECTED;
    }
    return live.request('scores:breakdown', { agentId });
  }, []);

  const conversation = useCallback(
    async (conversationId: string): Promise<Ack<AgentConversationView>> =>
      liveRef.current?.request('conversation:get', { conversationId }) ?? NOT_CONNECTED,
    [],
  );

  const followups = useCallback(
    async (filter: PayloadOf<'followups:list'>): Promise<Ack<DataOf<'followups:list'>>> =>
      liveRef.current?.request('followups:list', filter) ?? NOT_CONNECTED,
    [],
  );

  const updateFollowup = useCallback(
    async (payload: PayloadOf<'followup:update'>): Promise<Ack<DataOf<'followup:update'>>> =>
      liveRef.current?.request('followup:update', payload) ?? NOT_CONNECTED,
    [],
  );

  return {
    conversation,
    followups,
    updateFollowup,
    followupsSeen,
    connection,
    agent,
    conversations,
    hasMore: nextPage !== null,
    loadMore,
    scores,
    typing,
    loadError,
    waitingElsewhere,
    act,
    sendTyping,
    breakdown,
  };
}
