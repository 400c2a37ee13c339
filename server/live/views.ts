/**
 * What each audience sees of a conversation. Pure: state and facts in, views out. Promise status
 * is evaluated at `now`, so a promise past due shows as broken even before anything else happens.
 */
import { createHash } from 'node:crypto';
import {
  commitmentStatus,
  contactView,
  disputableUntil,
  whyNotCounting,
  type ConversationState,
  type RatingState,
  type RatingVersion,
} from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import type {
  AgentConversationView,
  AgentRef,
  MessageView,
  PromiseView,
  RatingView,
  TimelineEntry,
  VisitorConversationView,
} from '../../shared/protocol';
import { iso, isoOrNull, MINUTE } from '../../shared/time';
import { reopenableUntil } from '../sources/chat';
import type { Agent, Site, StoredConversation } from '../storage/store';

export interface ViewContext {
  site: Site;
  agents: ReadonlyMap<string, Agent>;
  now: number;
}

function agentRef(ctx: ViewContext, agentId: string): AgentRef {
  // An agent known only from the events API may have no name yet: show its id.
  return { id: agentId, name: ctx.agents.get(agentId)?.name ?? agentId };
}

/** The transcript: messages with text, in conversation order, the latest few hundred. */
function messages(ctx: ViewContext, facts: readonly Fact[]): MessageView[] {
  const views: MessageView[] = [];
  for (const fact of facts) {
    if (fact.type !== 'message' || fact.text === undefined) continue;
    views.push({
      id: fact.id,
      from: fact.from,
      text: fact.text,
      at: iso(fact.at),
      agent: fact.from === 'agent' && fact.agentId ? agentRef(ctx, fact.agentId) : null,
    });
  }
  return views.slice(-LIMITS.messagesInView);
}

function promises(ctx: ViewContext, state: ConversationState): PromiseView[] {
  return state.promises.map((p) => ({
    id: p.promiseId,
    text: p.text,
    dueAt: iso(p.dueAt),
    madeAt: iso(p.madeAt),
    keptAt: p.keptAt === null ? null : iso(p.keptAt),
    disputedAt: p.disputedAt === null ? null : iso(p.disputedAt),
    status: commitmentStatus(p, ctx.now),
    counts: p.counts,
    notCounting: whyNotCounting(p, ctx.site.settings),
    disputableUntil: isoOrNull(disputableUntil(p, ctx.site.settings, ctx.now)),
    agent: agentRef(ctx, p.agentId),
  }));
}

/** Which of the card's questions the visitor has answered (older states: all of them). */
const answered = (r: RatingVersion) => ({
  peakAnswered: r.peakAnswered ?? true,
  finished: r.finished ?? true,
});

/** The visitor's rating as both audiences see it. */
export function ratingView(site: Site, r: RatingState): RatingView {
  return {
    end: r.end,
    peak: r.peak,
    comment: r.comment,
    ...answered(r),
    at: iso(r.at),
    amendableUntil: iso(r.firstAt + site.settings.ratingAmendMinutes * MINUTE),
  };
}

/**
 * The rating as the visitor gave it last: the counting version, or a later one set aside (the
 * visitor is not told that it counts for nobody, nor why). Null before any.
 */
export function visitorRatingView(site: Site, state: ConversationState): RatingView | null {
  const counting = state.rating;
  const aside = state.setAsideRating;
  if (!aside || (counting && counting.at >= aside.at)) {
    return counting ? ratingView(site, counting) : null;
  }
  const since = counting?.firstAt ?? aside.at;
  return {
    end: aside.end,
    peak: aside.peak,
    comment: aside.comment,
    ...answered(aside),
    at: iso(aside.at),
    amendableUntil: iso(since + site.settings.ratingAmendMinutes * MINUTE),
  };
}

/** The latest actions a conversation view carries (its transcript: `LIMITS.messagesInView`). */
export const TIMELINE_IN_VIEW = 100;

/**
 * The latest facts a view is built from: enough for its transcript and timeline, and a bound on
 * the work of every push, however long the conversation (scoring.md, bounded conversations).
 */
export const FACTS_IN_VIEW = LIMITS.messagesInView + TIMELINE_IN_VIEW;

/** An entry's id and time; only for facts that make one (most are messages, which do not). */
const entryOf = (fact: Fact) => ({ id: fact.id, at: iso(fact.at) });

/**
 * Who did what besides writing, from the facts in conversation order: claims and assignments,
 * promises made, kept and disputed, closes, reopens, and ratings set aside. What the fold
 * ignores (a used promise id, a second keep, closing a closed conversation) is left out too.
 *
 * `facts` may be only the conversation's latest (`FACTS_IN_VIEW`): then what came before them
 * is unknown here, so the first close or reopen seen is shown whatever the state before it, and
 * why a rating was set aside is the fold's verdict (`state.setAsideReasons`), never worked out
 * again from a part of the conversation.
 */
export function timeline(
  ctx: ViewContext,
  state: ConversationState,
  facts: readonly Fact[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const promiseTexts = new Map<string, string | null>();
  const kept = new Set<string>();
  const disputed = new Set<string>();
  const setAside = new Map(state.setAsideReasons);
  const whole = facts.length < FACTS_IN_VIEW;
  let holder: string | null = null;
  // Open or closed before these facts: known only when they are the whole conversation.
  let open: boolean | null = whole ? true : null;
  for (const fact of facts) {
    switch (fact.type) {
      case 'conversation.assigned':
        if (fact.agentId === holder) break;
        entries.push({
          ...entryOf(fact),
          kind: 'assigned',
          agent: agentRef(ctx, fact.agentId),
          previous: holder === null ? null : agentRef(ctx, holder),
        });
        holder = fact.agentId;
        break;
      case 'message':
        break;
      case 'promise.made':
        if (promiseTexts.has(fact.promiseId)) break;
        promiseTexts.set(fact.promiseId, fact.text ?? null);
        entries.push({
          ...entryOf(fact),
          kind: 'promise-made',
          promiseId: fact.promiseId,
          text: fact.text ?? null,
          agent: agentRef(ctx, fact.agentId),
        });
        break;
      case 'promise.kept':
        if (kept.has(fact.promiseId)) break;
        kept.add(fact.promiseId);
        entries.push({
          ...entryOf(fact),
          kind: 'promise-kept',
          promiseId: fact.promiseId,
          text: promiseTexts.get(fact.promiseId) ?? null,
          agent: fact.agentId === undefined ? null : agentRef(ctx, fact.agentId),
        });
        break;
      case 'promise.disputed':
        if (disputed.has(fact.promiseId)) break;
        disputed.add(fact.promiseId);
        entries.push({
          ...entryOf(fact),
          kind: 'promise-disputed',
          promiseId: fact.promiseId,
          text: promiseTexts.get(fact.promiseId) ?? null,
        });
        break;
      case 'conversation.closed':
        if (open === false) break;
        open = false;
        entries.push({
          ...entryOf(fact),
          kind: 'closed',
          agent: fact.agentId === undefined ? null : agentRef(ctx, fact.agentId),
        });
        break;
      case 'conversation.reopened':
        if (open === true) break;
        open = true;
        entries.push({ ...entryOf(fact), kind: 'reopened' });
        break;
      case 'rating': {
        const reason = setAside.get(fact.id);
        if (reason === undefined) break;
        // The step saves of one rating show once: the latest.
        const last = entries.at(-1);
        if (last?.kind === 'rating-set-aside' && last.reason === reason) entries.pop();
        entries.push({ ...entryOf(fact), kind: 'rating-set-aside', reason, end: fact.end });
        break;
      }
      case 'conversation.opened':
        break;
    }
  }
  return entries.slice(-TIMELINE_IN_VIEW);
}

export function visitorView(
  ctx: ViewContext,
  state: StoredConversation,
  facts: readonly Fact[],
): VisitorConversationView {
  const until = reopenableUntil(ctx.site, state);
  return {
    id: state.id,
    version: state.version,
    status: state.status,
    agent: state.assignedAgentId ? agentRef(ctx, state.assignedAgentId) : null,
    messages: messages(ctx, facts),
    promises: promises(ctx, state),
    closedAt: state.status === 'closed' && state.closedAt !== null ? iso(state.closedAt) : null,
    reopenableUntil: until !== null && until > ctx.now ? iso(until) : null,
    rating: visitorRatingView(ctx.site, state),
  };
}

/** "Visitor 3F2A": short, stable, and says nothing about who the visitor is. */
export function visitorLabel(state: Pick<ConversationState, 'id' | 'visitorId'>): string {
  const seed = state.visitorId ?? state.id;
  return `Visitor ${createHash('sha256').update(seed).digest('hex').slice(0, 4).toUpperCase()}`;
}

export function agentView(
  ctx: ViewContext,
  state: StoredConversation,
  facts: readonly Fact[],
): AgentConversationView {
  return {
    id: state.id,
    version: state.version,
    status: state.status,
    visitorLabel: visitorLabel(state),
    segment: state.segment ?? null,
    attributes: state.attributes ?? {},
    contact: contactView(state.contact),
    visit: state.visit ?? null,
    assignedAgent: state.assignedAgentId ? agentRef(ctx, state.assignedAgentId) : null,
    openedAt: iso(state.openedAt),
    lastActivityAt: iso(state.lastActivityAt),
    closedAt: state.status === 'closed' && state.closedAt !== null ? iso(state.closedAt) : null,
    reopenedAt: isoOrNull(state.reopenedAt ?? null),
    rating: state.rating
      ? {
          ...ratingView(ctx.site, state.rating),
          agent: state.rating.agentId ? agentRef(ctx, state.rating.agentId) : null,
        }
      : null,
    setAsideRating: state.setAsideRating
      ? {
          end: state.setAsideRating.end,
          peak: state.setAsideRating.peak,
          comment: state.setAsideRating.comment,
          ...answered(state.setAsideRating),
          at: iso(state.setAsideRating.at),
          reason: state.setAsideRating.reason,
        }
      : null,
    messages: messages(ctx, facts),
    promises: promises(ctx, state),
    timeline: timeline(ctx, state, facts),
  };
}
