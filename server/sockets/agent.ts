/**
 * The agent namespace: the console. Authenticated by the same session cookie as the console's
 * HTTP calls; a socket serves the person as the agent they are on the site their console shows,
 * and reaches only that site's conversations and scores. It ends when the session does (expiry
 * or sign-out), and reconnects when the person's role or access there changes (live/access.ts).
 */
import { z } from 'zod';
import { ZFollowupFilter, ZFollowupUpdate, type FollowupQueueView } from '../../shared/followups';
import { LIMITS } from '../../shared/limits';
import { ZSitesWaitingRequest } from '../../shared/waiting';
import { DAY } from '../../shared/time';
import {
  ZAgentReply,
  ZAgentTyping,
  ZBreakdownRequest,
  ZConversationRef,
  ZEmpty,
  ZInboxPage,
  ZPromiseKeep,
  ZPromiseMake,
  type AgentClientEvents,
  type InboxPage,
} from '../../shared/protocol';
import { originAllowed } from '../auth/origins';
import { may } from '../auth/roles';
import type { Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import { noteMemberAddress } from '../limits/members';
import type { AddressOf } from '../limits/sockets';
import type { FollowupQueue } from '../followups/queue';
import type { LiveViews } from '../live/broadcast';
import { BREAKDOWN_SIZE, breakdownView, mayOpenBreakdown } from '../live/breakdown';
import { Presence } from '../live/presence';
import type { SitePresences } from '../live/site-presence';
import type { WaitingElsewhere } from '../live/waiting';
import {
  memberRoom,
  memberWaitingRoom,
  sessionRoom,
  siteRoom,
  supervisorsRoom,
  visitorRoom,
  waitingRoom,
  type AgentNamespace,
  type VisitorNamespace,
} from '../live/rooms';
import type { Logger } from '../logger';
import type { Scoreboards } from '../scores/scoreboard';
import type { BuiltInChat } from '../sources/chat';
import type { Agent, InboxPlace, Site, Store } from '../storage/store';
import { answerer } from './handle';
import { connectError } from './handle';

interface Deps {
  /** Tells the site's visitors when the team comes or goes. */
  presences: SitePresences;
  store: Store;
  /** The site as it is now (kept by the change feed, so no read per event). */
  sites: (siteId: string) => Promise<Site | null>;
  scoreboards: Scoreboards;
  sessions: Sessions;
  chat: BuiltInChat;
  views: LiveViews;
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  clock: Clock;
  addressOf: AddressOf;
  followups: FollowupQueue;
  /** How many chats wait on the person's other sites. */
  waiting: WaitingElsewhere;
  log: Logger;
}

/** The console lists open conversations and those closed within this time. */
const RECENTLY_CLOSED_MS = DAY;
/** Conversations per page of the inbox. */
export const INBOX_PAGE = 50;

/** A page's `next`: where its last conversation stands (opaque to the console). */
function cursorOf(place: InboxPlace): string {
  return Buffer.from(JSON.stringify([place.rank, place.lastActivityAt, place.id])).toString(
    'base64url',
  );
}

const ZPlace = z.tuple([
  z.union([z.literal(0), z.literal(1), z.literal(2)]),
  z.int().nonnegative(),
  z.string().min(1).max(LIMITS.idLength),
]);

function placeOf(cursor: string): InboxPlace {
  let parsed: ReturnType<typeof ZPlace.safeParse> | null = null;
  try {
    parsed = ZPlace.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    // not JSON: refused below
  }
  if (!parsed?.success) {
    throw new Refusal('invalid', 'This inbox cursor is not one the server gave: start again.');
  }
  const [rank, lastActivityAt, id] = parsed.data;
  return { rank, lastActivityAt, id };
}

export function serveAgents(deps: Deps) {
  /** The person's memberships of sites other than the one shown (none without an account). */
  const otherSitesOf = async (agent: Agent): Promise<Agent[]> =>
    agent.accountId
      ? (await deps.store.membershipsOf(agent.accountId)).filter(
          (member) => member.siteId !== agent.siteId && may(member.role, 'work'),
        )
      : [];

  const { store, sites, scoreboards, sessions, chat, views, visitors, agents, clock, addressOf } =
    deps;
  const { log, followups, waiting } = deps;
  const presence = new Presence(store, clock, agents, log);
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
        // The account's other sites, where its role lets it work the inbox: their waiting counts.
        const elsewhere = (await otherSitesOf(agent)).map((member) => ({
          siteId: member.siteId,
          agentId: member.id,
        }));
        socket.data = { agent, elsewhere };
        void socket.join([
          siteRoom(agent.siteId),
          memberRoom(agent.siteId, agent.id),
          sessionRoom(signedIn.session.tokenHash),
          // Pushes of every follow-up item of the site (a role change reconnects the socket).
          ...(may(agent.role, 'supervise') ? [supervisorsRoom(agent.siteId)] : []),
          ...elsewhere.flatMap(({ siteId, agentId }) => [
            waitingRoom(siteId),
            memberWaitingRoom(siteId, agentId),
          ]),
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
    // A member's address is the team's for a day after (excluded "member" ratings), and their
    // console being open keeps their conversations theirs (claims).
    const address = addressOf(socket.request);
    const seen = () =>
      noteMemberAddress(store, agent, address, clock.now()).catch((error: unknown) =>
        log.error('could not note a member address', error),
      );
    void seen();
    const closed = presence.opened(agent.siteId, agent.id);
    const gone = deps.presences.opened(agent.siteId);
    socket.once('disconnect', () => {
      closed();
      gone();
      void seen();
    });
    const site = async () => {
      const found = await sites(agent.siteId);
      if (!found) throw new Refusal('not_found', 'Your site no longer exists.');
      return found;
    };

    // A page at a time, the most pressing first (M4: no flood of junk pushes a waiting visitor
    // out of sight), and only conversations a visitor wrote in.
    answer('inbox:list', ZInboxPage, async (payload): Promise<InboxPage> => {
      const after = payload?.cursor === undefined ? undefined : placeOf(payload.cursor);
      const s = await site();
      const ctx = await views.context(s);
      const listed = await store.listConversations(s.id, {
        closedSince: ctx.now - RECENTLY_CLOSED_MS,
        limit: INBOX_PAGE + 1,
        after,
      });
      const page = listed.slice(0, INBOX_PAGE);
      const last = page.at(-1);
      const conversations = await views.agentViews(
        s,
        page.map(({ state }) => state),
      );
      return {
        agent: await signedInView(store, agent),
        conversations,
        next: listed.length > INBOX_PAGE && last ? cursorOf(last.place) : null,
      };
    });

    // How long a colleague has been away: taking over their conversation may need it.
    const awayFor = (siteId: string, agentId: string) => presence.awayFor(siteId, agentId);

    answer('conversation:claim', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      return views.agentView(s, await chat.claim(s, agent, conversationId, awayFor));
    });

    answer('message:send', ZAgentReply, async ({ conversationId, text }) => {
      const s = await site();
      return views.agentView(s, await chat.reply(s, agent, conversationId, text, awayFor));
    });

    answer('promise:make', ZPromiseMake, async ({ conversationId, text, dueAt }) => {
      const s = await site();
      const promise = { text, dueAt: Date.parse(dueAt) };
      const state = await chat.makePromise(s, agent, conversationId, promise, awayFor);
      return views.agentView(s, state);
    });

    answer('promise:keep', ZPromiseKeep, async ({ conversationId, promiseId }) => {
      const s = await site();
      return views.agentView(s, await chat.keepPromise(s, agent, conversationId, promiseId));
    });

    answer('conversation:close', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      return views.agentView(s, await chat.close(s, agent, conversationId));
    });

    answer('conversation:get', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      const state = await store.getConversation(s.id, conversationId);
      if (!state) throw new Refusal('not_found', 'No such conversation on your site.');
      // The inbox shows every agent the open and recently closed ones already; older ones only
      // to whoever it was the work of (the history's rule, storage/history.ts).
      const inInbox =
        state.status === 'open' || state.lastActivityAt >= clock.now() - RECENTLY_CLOSED_MS;
      if (
        !may(agent.role, 'supervise') &&
        !inInbox &&
        !(await store.isAnswerable(s.id, conversationId, agent.id))
      ) {
        throw new Refusal('forbidden', 'Agents may open only their own past conversations.');
      }
      return views.agentView(s, state);
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
      const states = await store.getConversations(s.id, ids);
      const conversations = new Map(states.map((state) => [state.id, state]));
      return breakdownView({
        site: s,
        agent: subject,
        now: ctx.now,
        observations,
        conversations,
      });
    });

    const viewer = { kind: 'member', member: agent } as const;

    answer('followups:list', ZFollowupFilter, async (filter): Promise<FollowupQueueView> => {
      const s = await site();
      const now = clock.now();
      const [page, counts] = await Promise.all([
        followups.list(s, viewer, filter, now),
        followups.counts(s, viewer, now),
      ]);
      return { ...page, ...counts };
    });

    answer('followup:update', ZFollowupUpdate, async ({ id, change }) =>
      followups.change(await site(), viewer, id, change, clock.now()),
    );

    // Counts of the person's other sites, as the handshake found them: the console names none.
    answer('sites:waiting', ZSitesWaitingRequest, async () => ({
      sites: await waiting.of(socket.data.elsewhere.map(({ siteId }) => siteId)),
    }));

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
