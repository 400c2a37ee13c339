/**
 * "Why did my score move?": an agent's score breakdown. Pure: the agent's latest observations
 * and the conversations they came from in, the view out. Each observation becomes one item that
 * says what it was about (a wait and how long, a promise and its words, a reopen, a rating and
 * what stood out), so the console can put it in plain words.
 *
 * Only evidence at or before `now` is listed: a promise not yet due has no broken observation
 * yet, however sure it looks.
 */
import type { ConversationState } from '../../shared/conversation';
import type { BreakdownItem, ScoreBreakdown } from '../../shared/protocol';
import type { Observation } from '../../shared/scoring/types';
import { iso } from '../../shared/time';
import type { Agent, Site } from '../storage/store';
import { visitorLabel } from './views';

/** Items in one breakdown: enough to see a trend, small enough to read. */
export const BREAKDOWN_SIZE = 50;

/** An agent may open their own breakdown; supervisors and admins any agent's of their site. */
export function mayOpenBreakdown(viewer: Pick<Agent, 'id' | 'role'>, agentId: string): boolean {
  return viewer.id === agentId || viewer.role === 'supervisor' || viewer.role === 'admin';
}

export interface BreakdownInput {
  site: Site;
  agent: Pick<Agent, 'id' | 'name'>;
  now: number;
  /** The agent's latest observations, newest first. */
  observations: readonly Observation[];
  /** The conversations they came from, by id. */
  conversations: ReadonlyMap<string, ConversationState>;
}

export function breakdownView(input: BreakdownInput): ScoreBreakdown {
  const { agent, now } = input;
  return {
    agentId: agent.id,
    name: agent.name,
    at: iso(now),
    items: input.observations
      .filter((observation) => observation.at <= now)
      .map((observation) => breakdownItem(input, observation)),
  };
}

function breakdownItem(input: BreakdownInput, observation: Observation): BreakdownItem {
  const { cause } = observation;
  const state = input.conversations.get(cause.conversationId);
  const base = {
    dimension: observation.dimension,
    value: observation.value,
    weight: observation.weight,
    at: iso(observation.at),
    conversationId: cause.conversationId,
    visitorLabel: state ? visitorLabel(state) : 'A visitor',
  };
  switch (cause.kind) {
    case 'peak-wait':
    case 'end-wait':
    case 'wait':
      return {
        ...base,
        kind: cause.kind,
        detail: {
          seconds: cause.seconds,
          targetSeconds: input.site.settings.targetReplySeconds,
        },
      };
    case 'promise-kept':
    case 'promise-broken':
    case 'promise-disputed': {
      const promise = state?.promises.find((p) => p.promiseId === cause.promiseId);
      return {
        ...base,
        kind: cause.kind,
        detail: {
          promiseId: cause.promiseId,
          text: promise?.text ?? null,
          dueAt: promise ? iso(promise.dueAt) : null,
          keptAt: promise?.keptAt != null ? iso(promise.keptAt) : null,
          disputedAt: promise?.disputedAt != null ? iso(promise.disputedAt) : null,
        },
      };
    }
    case 'reopen':
      return { ...base, kind: cause.kind, detail: {} };
    case 'rating':
    case 'voice': {
      // The conversation's counting rating is the version these observations came from.
      const rating = state?.rating?.factId === cause.factId ? state.rating : null;
      return {
        ...base,
        kind: cause.kind,
        detail: {
          end: rating?.end ?? null,
          peak: rating?.peak ?? null,
          peakAnswered: rating?.peakAnswered ?? true,
        },
      };
    }
  }
}
