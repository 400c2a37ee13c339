/**
 * What a write tells webhooks (docs/webhooks.md), decided from what it wrote: a rating's news,
 * a reopen, a follow-up item made or changed, a promise that will be broken at its due time.
 * Pure; the write queues the drafts in its own transaction (webhooks.ts). No order between
 * deliveries is promised, so each carries its times and a version.
 */
import type { ConversationState, RatingVersion } from '../../shared/conversation';
import type { Fact } from '../../shared/facts';
import type { FollowupReason } from '../../shared/followups';
import { isoOrNull, MINUTE } from '../../shared/time';
import type { WebhookDraft } from './webhooks';

/**
 * A rating is told once the visitor finished the card (its last step says so, or carries the
 * comment), or this long after their last step: each step re-sends the earlier ones, and one
 * message beats three.
 */
export const RATING_QUIET_MS = 2 * MINUTE;

const iso = isoOrNull;

/** The visitor's latest rating version of the conversation, and whether (why not) it counts. */
function latestRating(state: ConversationState) {
  const counted = state.rating;
  const aside = state.setAsideRating;
  const latest: RatingVersion | null =
    counted && aside ? (aside.at > counted.at ? aside : counted) : (counted ?? aside);
  if (!latest) return null;
  const setAside = latest === aside ? aside.reason : null;
  return { latest, setAside };
}

/** `rating.saved` and `conversation.reopened` for the facts a write stored. */
export function conversationWebhooks(
  stored: readonly Fact[],
  states: readonly (ConversationState & { version: number })[],
  now: number,
): WebhookDraft[] {
  const byId = new Map(states.map((state) => [state.id, state]));
  const drafts: WebhookDraft[] = [];
  const rated = new Map<string, Fact[]>();
  for (const fact of stored) {
    const state = byId.get(fact.conversationId);
    if (!state) continue;
    if (fact.type === 'rating') rated.set(state.id, [...(rated.get(state.id) ?? []), fact]);
    if (fact.type === 'conversation.reopened') {
      drafts.push({
        type: 'conversation.reopened',
        coalesceKey: null,
        dueAt: now,
        timestamp: now,
        data: {
          conversationId: state.id,
          reopenedAt: iso(fact.at),
          status: state.status,
          version: state.version,
        },
      });
    }
  }
  for (const [conversationId, facts] of rated) {
    const state = byId.get(conversationId);
    const rating = state && latestRating(state);
    if (!state || !rating) continue;
    const { latest, setAside } = rating;
    // The card's last step: nothing more is coming.
    const finished = facts.some(
      (fact) => fact.type === 'rating' && (fact.finished === true || fact.comment !== undefined),
    );
    drafts.push({
      type: 'rating.saved',
      coalesceKey: `rating:${conversationId}`,
      // Two minutes after the last step as the facts date it (the widget's steps are dated by
      // the server; an older rating sent late has long been quiet).
      dueAt: finished ? now : Math.max(...facts.map((fact) => fact.at)) + RATING_QUIET_MS,
      timestamp: now,
      data: {
        conversationId,
        visitorId: state.visitorId,
        agentId: latest.agentId,
        end: latest.end,
        peak: latest.peak,
        comment: latest.comment,
        ratedAt: iso(latest.at),
        firstRatedAt: iso(state.rating?.firstAt ?? null),
        counts: setAside === null,
        setAside,
        segment: state.segment ?? null,
        version: state.version,
      },
    });
  }
  return drafts;
}

/** An item as webhooks tell it. */
export interface ItemNews {
  id: string;
  conversationId: string;
  agentId: string | null;
  at: number;
  reason: FollowupReason;
  status: string;
  version: number;
}

export function followupData(item: ItemNews, now: number): Record<string, unknown> {
  const { reason } = item;
  return {
    id: item.id,
    conversationId: item.conversationId,
    cause: reason.cause,
    agentId: item.agentId,
    at: iso(item.at),
    status: item.status,
    ...(reason.cause === 'rating' && { rating: reason.rating }),
    ...(reason.cause === 'promise' && {
      promise: {
        ...reason.promise,
        dueAt: iso(reason.promise.dueAt),
        keptAt: iso(reason.promise.keptAt),
        disputedAt: iso(reason.promise.disputedAt),
      },
    }),
    ...(reason.cause === 'reopen' && { reopenFactId: reason.reopenFactId }),
    updatedAt: iso(now),
    version: item.version,
  };
}

/** The coalesce keys of an item's news, and of its promise's breaking. */
export const itemKey = (id: string) => `followup:${id}`;
export const brokenKey = (conversationId: string, promiseId: string) =>
  `promise:${conversationId}:${promiseId}`;

/**
 * `followup.created` when an item is made (told when it shows: a promise's at its due time),
 * else `followup.updated`; and a promise's item, when made for a promise not kept and not
 * disputed, is the promise breaking at its due time: `promise.broken`, once.
 */
export function itemWebhooks(item: ItemNews, created: boolean, now: number): WebhookDraft[] {
  const dueAt = Math.max(now, item.at);
  const drafts: WebhookDraft[] = [
    {
      type: created ? 'followup.created' : 'followup.updated',
      coalesceKey: itemKey(item.id),
      dueAt,
      timestamp: now,
      data: followupData(item, now),
    },
  ];
  const { reason } = item;
  if (created && reason.cause === 'promise' && reason.promise.disputedAt === null) {
    const { promise } = reason;
    drafts.push({
      type: 'promise.broken',
      coalesceKey: brokenKey(item.conversationId, promise.promiseId),
      dueAt: Math.max(now, promise.dueAt),
      timestamp: promise.dueAt,
      data: {
        conversationId: item.conversationId,
        promiseId: promise.promiseId,
        agentId: item.agentId,
        text: promise.text,
        dueAt: iso(promise.dueAt),
        keptAt: iso(promise.keptAt),
        followupId: item.id,
      },
    });
  }
  return drafts;
}
