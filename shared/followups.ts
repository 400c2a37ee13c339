/**
 * The follow-up queue (issue #11; decisions.md, "Closing the loop"): a conversation that ended
 * badly, a promise that was broken and a resolution that did not hold each become an item for
 * someone to contact the visitor about. Which conversations need one is decided here, from the
 * conversation's derived state and evidence alone (scoring version 2 decides), so every node and
 * every store agrees; the stores keep one item per conversation and cause.
 */
import { z } from 'zod';
import { ratingNeedsFollowup } from './bad-ending';
import type { ContactView, ConversationState } from './conversation';
import { ZFreeText, ZId, type Peak } from './facts';
import { LIMITS } from './limits';
import type { ConversationEvidence } from './scoring/fold';
import { ZInstant } from './time';

/** What put an item in the queue. */
export const FOLLOWUP_CAUSES = ['rating', 'promise', 'reopen'] as const;
export type FollowupCause = (typeof FOLLOWUP_CAUSES)[number];

/**
 * Where an item stands: new → contacted → resolved, or dismissed (with a reason). Resolved and
 * dismissed are final.
 */
export const FOLLOWUP_STATUSES = ['new', 'contacted', 'resolved', 'dismissed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** The statuses each status may move to. */
const NEXT: Record<FollowupStatus, readonly FollowupStatus[]> = {
  new: ['contacted', 'resolved', 'dismissed'],
  contacted: ['resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};

export const mayMoveTo = (from: FollowupStatus, to: FollowupStatus): boolean =>
  from === to || NEXT[from].includes(to);

export { BAD_END, ratingNeedsFollowup } from './bad-ending';

/** What the visitor said, for a rating's item. */
export interface FollowupRating {
  end: number;
  peak: Peak | null;
  comment: string | null;
  /** Given before any agent had written: it rates nobody, but the visitor still waits for help. */
  unhandled: boolean;
}

/** The promise, for a broken promise's item. */
export interface FollowupPromise {
  promiseId: string;
  text: string | null;
  dueAt: number;
  keptAt: number | null;
  /** Kept in time, then disputed by the visitor ("That didn't happen"). */
  disputedAt: number | null;
}

/** Why a conversation needs an item, and what the item shows of it. */
export type FollowupReason =
  | { cause: 'rating'; rating: FollowupRating }
  | { cause: 'promise'; promise: FollowupPromise }
  | { cause: 'reopen'; reopenFactId: string };

/** One item a conversation needs now: its key within the conversation, whose it is, when. */
export interface NeededFollowup {
  /** One item per conversation per key: `rating`, `promise:<id>`, `reopen:<fact id>`. */
  key: string;
  /** The answerable agent (the rated agent, the promise's maker, the reopen's subject). */
  agentId: string | null;
  /**
   * When the cause happened: the rating's time, a broken promise's due time (or the dispute's),
   * the reopen's time. An item is shown from then on: a promise not yet kept has its item
   * waiting for its due time, and a keep in time withdraws it before anyone sees it.
   */
  at: number;
  reason: FollowupReason;
}

/**
 * The items a conversation needs, from its derivation (scoring.md version 2):
 *   - its rating, when it ended badly or its peak was bad: the counting version, else an
 *     unhandled one (given before any agent wrote); excluded ratings (member, flood) none;
 *   - each broken promise, counting or not: not kept by its due time, or disputed;
 *   - each reopen that is a broken resolution (within the reopen window, after an agent's work).
 */
export function neededFollowups(
  state: ConversationState,
  evidence: ConversationEvidence,
): NeededFollowup[] {
  const needed: NeededFollowup[] = [];
  const unhandled = state.setAsideRating?.reason === 'unanswered' ? state.setAsideRating : null;
  const rating = state.rating ?? unhandled;
  if (rating && ratingNeedsFollowup(rating.end, rating.peak)) {
    needed.push({
      key: 'rating',
      agentId: rating.agentId,
      at: rating.at,
      reason: {
        cause: 'rating',
        rating: {
          end: rating.end,
          peak: rating.peak,
          comment: rating.comment,
          unhandled: rating === unhandled,
        },
      },
    });
  }
  for (const p of state.promises) {
    const disputed = p.disputedAt !== null;
    const broken = p.keptAt === null || p.keptAt > p.dueAt;
    if (!disputed && !broken) continue;
    needed.push({
      key: `promise:${p.promiseId}`,
      agentId: p.agentId,
      at: p.disputedAt ?? p.dueAt,
      reason: {
        cause: 'promise',
        promise: {
          promiseId: p.promiseId,
          text: p.text,
          dueAt: p.dueAt,
          keptAt: p.keptAt,
          disputedAt: p.disputedAt,
        },
      },
    });
  }
  for (const o of evidence.observations) {
    if (o.cause.kind !== 'reopen') continue;
    needed.push({
      key: `reopen:${o.cause.factId}`,
      agentId: o.subject,
      at: o.at,
      reason: { cause: 'reopen', reopenFactId: o.cause.factId },
    });
  }
  return needed;
}

// ---------------------------------------------------------------------------------------------
// On the wire

/** A note's length, and the dismissal reason's. */
export const FOLLOWUP_NOTE_LENGTH = 2000;
export const FOLLOWUP_REASON_LENGTH = 500;
/** Notes one item keeps (the latest). */
export const FOLLOWUP_NOTES_KEPT = 50;
/** Items per page, by default and at most. */
export const FOLLOWUP_PAGE = 50;
export const FOLLOWUP_PAGE_MAX = 200;

const ZNonBlank = (max: number) =>
  ZFreeText(max)
    .transform((text) => text.trim())
    .refine((text) => text.length > 0, 'must not be blank');

/**
 * A change to an item: `PATCH …/followups/:id`, and the console's `followup:update`. Dismissing
 * needs a reason, and only a dismissal takes one.
 */
export const ZFollowupPatch = z
  .strictObject({
    status: z.enum(FOLLOWUP_STATUSES).optional(),
    /** The member who handles it (an agent id of the site); null: nobody. */
    owner: ZId.nullable().optional(),
    /** Added to the item's notes. */
    note: ZNonBlank(FOLLOWUP_NOTE_LENGTH).optional(),
    reason: ZNonBlank(FOLLOWUP_REASON_LENGTH).optional(),
  })
  .refine(
    (p) =>
      p.status !== undefined ||
      p.owner !== undefined ||
      p.note !== undefined ||
      p.reason !== undefined,
    { message: 'give at least one of status, owner, note, reason' },
  )
  .refine((p) => p.status !== 'dismissed' || p.reason !== undefined, {
    message: 'dismissing needs a reason',
    path: ['reason'],
  })
  .refine((p) => p.reason === undefined || p.status === 'dismissed', {
    message: 'a reason goes with status "dismissed" only',
    path: ['reason'],
  });
export type FollowupPatch = z.output<typeof ZFollowupPatch>;

/** Which items: by status, answerable agent, and the time of their cause. */
export const ZFollowupFilter = z.strictObject({
  status: z.enum(FOLLOWUP_STATUSES).optional(),
  agent: ZId.optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(FOLLOWUP_PAGE_MAX).optional(),
});
export type FollowupFilter = z.output<typeof ZFollowupFilter>;

/** The console's `followup:update`: which item, and the change. */
export const ZFollowupUpdate = z.strictObject({
  id: z.string().min(1).max(LIMITS.idLength),
  change: ZFollowupPatch,
});

/** A member as an item names them. */
export interface FollowupPerson {
  id: string;
  name: string;
}

export interface FollowupNoteView {
  at: string;
  /** Who wrote it; null for the site key (an integration). */
  by: FollowupPerson | null;
  text: string;
}

/** An item as the API and the console show it. */
export interface FollowupView {
  id: string;
  conversationId: string;
  /**
   * How to reach the visitor: when the site's page said who they are, or they agreed in the
   * rating card; null otherwise.
   */
  contact: ContactView | null;
  cause: FollowupCause;
  /** When its cause happened (ISO). */
  at: string;
  /** The answerable agent; null: the site's unassigned bucket. */
  agent: FollowupPerson | null;
  rating: FollowupRating | null;
  promise:
    | (Omit<FollowupPromise, 'dueAt' | 'keptAt' | 'disputedAt'> & {
        dueAt: string;
        keptAt: string | null;
        disputedAt: string | null;
      })
    | null;
  status: FollowupStatus;
  owner: FollowupPerson | null;
  /** Why it was dismissed. */
  reason: string | null;
  notes: FollowupNoteView[];
  createdAt: string;
  updatedAt: string;
  /** Grows with every change of the item: of two copies, the larger is the newer. */
  version: number;
}

export interface FollowupPage {
  items: FollowupView[];
  /** The cursor of the next page; null: no more. */
  next: string | null;
}

/** The console's list: a page, what is new for the viewer, and when the next item falls due. */
export interface FollowupQueueView extends FollowupPage {
  /** Items with status new the viewer sees (the tab title's count). */
  newCount: number;
  /** When the next waiting item (a promise not yet due) shows, ISO; null: none waits. */
  nextAt: string | null;
}
