/**
 * What each audience sees of a conversation. Pure: state and facts in, views out. Promise status
 * is evaluated at `now`, so a promise past due shows as broken even before anything else happens.
 */
import { createHash } from 'node:crypto';
import {
  commitmentStatus,
  type ConversationState,
  type RatingState,
} from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import type {
  AgentConversationView,
  AgentRef,
  MessageView,
  PromiseView,
  RatingView,
  VisitorConversationView,
} from '../../shared/protocol';
import { iso, MINUTE } from '../../shared/time';
import { reopenableUntil } from '../sources/chat';
import type { Agent, Site } from '../storage/store';

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
    status: commitmentStatus(p, ctx.now),
    agent: agentRef(ctx, p.agentId),
  }));
}

/** The visitor's rating as both audiences see it. */
export function ratingView(site: Site, r: RatingState): RatingView {
  return {
    end: r.end,
    peak: r.peak,
    comment: r.comment,
    at: iso(r.at),
    amendableUntil: iso(r.firstAt + site.settings.ratingAmendMinutes * MINUTE),
  };
}

export function visitorView(
  ctx: ViewContext,
  state: ConversationState,
  facts: readonly Fact[],
): VisitorConversationView {
  const until = reopenableUntil(ctx.site, state);
  return {
    id: state.id,
    status: state.status,
    agent: state.assignedAgentId ? agentRef(ctx, state.assignedAgentId) : null,
    messages: messages(ctx, facts),
    promises: promises(ctx, state),
    closedAt: state.status === 'closed' && state.closedAt !== null ? iso(state.closedAt) : null,
    reopenableUntil: until !== null && until > ctx.now ? iso(until) : null,
    rating: state.rating ? ratingView(ctx.site, state.rating) : null,
  };
}

/** "Visitor 3F2A": short, stable, and says nothing about who the visitor is. */
export function visitorLabel(state: ConversationState): string {
  const seed = state.visitorId ?? state.id;
  return `Visitor ${createHash('sha256').update(seed).digest('hex').slice(0, 4).toUpperCase()}`;
}

export function agentView(
  ctx: ViewContext,
  state: ConversationState,
  facts: readonly Fact[],
): AgentConversationView {
  return {
    id: state.id,
    status: state.status,
    visitorLabel: visitorLabel(state),
    assignedAgent: state.assignedAgentId ? agentRef(ctx, state.assignedAgentId) : null,
    openedAt: iso(state.openedAt),
    lastActivityAt: iso(state.lastActivityAt),
    closedAt: state.status === 'closed' && state.closedAt !== null ? iso(state.closedAt) : null,
    rating: state.rating
      ? {
          ...ratingView(ctx.site, state.rating),
          agent: state.rating.agentId ? agentRef(ctx, state.rating.agentId) : null,
        }
      : null,
    messages: messages(ctx, facts),
    promises: promises(ctx, state),
  };
}
