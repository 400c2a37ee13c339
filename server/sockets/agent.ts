/**
 * The agent namespace: the console. Authenticated by the same session cookie as the console's
 * HTTP calls; a socket serves the person as the agent they are on the site their console shows,
 * and reaches only that site's conversations and scores. It ends when the session does (expiry
 * or sign-out), and reconnects when the person's role or access there changes (live/access.ts).
 */
import { DAY } from '../../shared/time';
import {
  ZAgentReply,
  ZAgentTyping,
  ZBreakdownRequest,
  ZConversationRef,
  ZEmpty,
  ZPromiseKeep,
  ZPromiseMake,
  type AgentClientEvents,
} from '../../shared/protocol';
import { originAllowed } from '../auth/origins';
import { sessionTokenHash, type Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import { Refusal } from '../errors';
import type { LiveViews } from '../live/broadcast';
import { BREAKDOWN_SIZE, breakdownView, mayOpenBreakdown } from '../live/breakdown';
import {
  memberRoom,
  sessionRoom,
  siteRoom,
  visitorRoom,
  type AgentNamespace,
  type VisitorNamespace,
} from '../live/rooms';
import type { Logger } from '../logger';
import type { Scoreboards } from '../scores/scoreboard';
import type { BuiltInChat } from '../sources/chat';
import type { Store } from '../storage/store';
import { answerer } from './handle';
import { connectError } from './visitor';

interface Deps {
  store: Store;
  scoreboards: Scoreboards;
  sessions: Sessions;
  chat: BuiltInChat;
  views: LiveViews;
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  log: Logger;
}

/** The console lists open conversations and those closed within this time. */
const RECENTLY_CLOSED_MS = DAY;
const INBOX_SIZE = 200;

export function serveAgents(deps: Deps) {
  const { store, scoreboards, sessions, chat, views, visitors, agents, log } = deps;
  agents.use((socket, next) => {
    // The console is served by this server: a page elsewhere (even a sibling subdomain, which
    // SameSite lets through) must not ride on an agent's cookie into their socket.
    const { origin, host } = socket.handshake.headers;
    if (!originAllowed(origin, [], host)) {
      return next(connectError('forbidden', 'The console connects only from its own pages.'));
    }
    const cookie = socket.handshake.headers.cookie;
    sessions
      .signedIn(cookie)
      .then(async (signedIn) => {
        const agent = signedIn && (await sessions.currentMember(signedIn.session));
        if (!signedIn || !agent) return next(connectError('unauthorized', 'unauthorized'));
        socket.data = { agent };
        void socket.join([
          siteRoom(agent.siteId),
          memberRoom(agent.siteId, agent.id),
          sessionRoom(sessionTokenHash(cookie) ?? ''),
        ]);
        // The session's end ends the socket too: its console then asks to sign in again.
        const expiry = setTimeout(
          () => socket.disconnect(true),
          sessions.remaining(signedIn.session),
        );
        socket.once('disconnect', () => clearTimeout(expiry));
        next();
      })
      .catch((error: unknown) => {
        log.error('agent handshake failed', error);
        next(connectError('internal', 'The console is unavailable right now.'));
      });
  });

  agents.on('connection', (socket) => {
    const answer = answerer<AgentClientEvents>(socket, log);
    const { agent } = socket.data;
    const site = async () => {
      const found = await store.getSite(agent.siteId);
      if (!found) throw new Refusal('not_found', 'Your site no longer exists.');
      return found;
    };

    answer('inbox:list', ZEmpty, async () => {
      const s = await site();
      const ctx = await views.context(s);
      const states = await store.listConversations(s.id, {
        closedSince: ctx.now - RECENTLY_CLOSED_MS,
        limit: INBOX_SIZE,
      });
      const conversations = await Promise.all(states.map((state) => views.agentView(s, state)));
      return { agent: await signedInView(store, agent), conversations };
    });

    answer('conversation:claim', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      return views.agentView(s, await chat.claim(s, agent, conversationId));
    });

    answer('message:send', ZAgentReply, async ({ conversationId, text }) => {
      const s = await site();
      return views.agentView(s, await chat.reply(s, agent, conversationId, text));
    });

    answer('promise:make', ZPromiseMake, async ({ conversationId, text, dueAt }) => {
      const s = await site();
      const state = await chat.makePromise(s, agent, conversationId, text, Date.parse(dueAt));
      return views.agentView(s, state);
    });

    answer('promise:keep', ZPromiseKeep, async ({ conversationId, promiseId }) => {
      const s = await site();
      return views.agentView(s, await chat.keepPromise(s, conversationId, promiseId));
    });

    answer('conversation:close', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      return views.agentView(s, await chat.close(s, agent, conversationId));
    });

    answer('scores:get', ZEmpty, async () => scoreboards.scores(await site()));

    answer('scores:breakdown', ZBreakdownRequest, async (payload) => {
      const agentId = payload?.agentId ?? agent.id;
      if (!mayOpenBreakdown(agent, agentId)) {
        throw new Refusal('forbidden', 'Only supervisors may open another agent’s breakdown.');
      }
      const s = await site();
      const ctx = await views.context(s);
      const subject = ctx.agents.get(agentId);
      if (!subject) throw new Refusal('not_found', 'No such agent on your site.');
      const observations = await store.recentObservations(s.id, agentId, BREAKDOWN_SIZE, ctx.now);
      const ids = [...new Set(observations.map((o) => o.cause.conversationId))];
      const states = await Promise.all(ids.map((id) => store.getConversation(s.id, id)));
      const conversations = new Map(
        states.flatMap((state) => (state ? [[state.id, state] as const] : [])),
      );
      return breakdownView({
        site: s,
        agent: subject,
        now: ctx.now,
        observations,
        conversations,
      });
    });

    // Typing is a hint, not a fact: relayed to the visitor, never stored.
    socket.on('typing', (payload: unknown) => {
      const parsed = ZAgentTyping.safeParse(payload);
      if (!parsed.success) return;
      store
        .getConversation(agent.siteId, parsed.data.conversationId)
        .then((conversation) => {
          if (!conversation?.visitorId || conversation.status !== 'open') return;
          visitors.to(visitorRoom(agent.siteId, conversation.visitorId)).emit('typing', {
            typing: parsed.data.typing,
            agent: { id: agent.id, name: agent.name },
          });
        })
        .catch((error: unknown) => log.error('typing relay failed', error));
    });
  });
}
