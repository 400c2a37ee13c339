/**
 * Facts: the events of the scoring contract. Every source (the built-in chat, the events API,
 * helpdesk webhooks) turns what happened into these, and everything downstream (conversation
 * state, observations, scores) is derived from the set of facts alone.
 *
 * `ZFact` parses the wire form (ISO times); `Fact` is the parsed form (epoch milliseconds).
 */
import { z } from 'zod';
import { ID_CHARACTERS, LIMITS } from './limits';
import { ZInstant } from './time';

/**
 * Text both stores can hold exactly: no NUL (PostgreSQL cannot store it in text or JSON) and no
 * lone surrogate (not valid Unicode, so PostgreSQL refuses it). Refused with 400 on both stores,
 * so they accept exactly the same text.
 */
export function storableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}
/** With the `u` flag a well-formed pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Cs}/u;
const STORABLE_TEXT = 'must not contain NUL characters or lone surrogates';

/** Free text (messages, promises, comments), up to `max` characters, storable on both stores. */
export const ZFreeText = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).refine(storableText, STORABLE_TEXT);

/** A short name (of a person, an agent, a site): trimmed, not empty, storable. */
export const ZName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.nameLength)
  .refine(storableText, STORABLE_TEXT);

export const ZId = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(ID_CHARACTERS, 'use letters, digits and . _ : @ - only');

export const DIMENSIONS = ['responsiveness', 'reliability', 'competence', 'empathy'] as const;
export const ZDimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof ZDimension>;

export const ZPolarity = z.enum(['positive', 'negative']);
export type Polarity = z.infer<typeof ZPolarity>;

/** What stood out most: one dimension, good or bad. Absent means "Nothing in particular". */
export const ZPeak = z.object({ dimension: ZDimension, polarity: ZPolarity });
export type Peak = z.infer<typeof ZPeak>;

/** How the conversation ended: 1 (very bad) to 5 (very good). */
export const ZEndScore = z.int().min(1).max(5);

/**
 * Why a rating is set aside (scoring.md, integrity rules): `member`, given from an address a
 * member of the site signed in from within a day, or by an identified visitor whose email is a
 * member's; `flood`, over the visitor rating limits of its address.
 */
export const RATING_EXCLUSIONS = ['member', 'flood'] as const;
export type RatingExclusion = (typeof RATING_EXCLUSIONS)[number];

const base = {
  id: ZId,
  conversationId: ZId,
  at: ZInstant,
};

export const ZFact = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('conversation.opened'),
    visitorId: ZId.optional(),
  }),
  z.object({ ...base, type: z.literal('conversation.assigned'), agentId: ZId }),
  z
    .object({
      ...base,
      type: z.literal('message'),
      from: z.enum(['visitor', 'agent']),
      agentId: ZId.optional(),
      text: ZFreeText(LIMITS.messageLength).optional(),
    })
    .refine((m) => m.from === 'visitor' || m.agentId !== undefined, {
      message: 'an agent message needs agentId',
      path: ['agentId'],
    }),
  z.object({
    ...base,
    type: z.literal('promise.made'),
    promiseId: ZId,
    agentId: ZId,
    dueAt: ZInstant,
    text: ZFreeText(LIMITS.promiseTextLength).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('promise.kept'),
    promiseId: ZId,
    /** Who marked it kept (the built-in chat always says; scoring credits the maker). */
    agentId: ZId.optional(),
  }),
  /** The visitor says a kept promise was not kept ("That didn't happen"). */
  z.object({ ...base, type: z.literal('promise.disputed'), promiseId: ZId }),
  z.object({ ...base, type: z.literal('conversation.closed'), agentId: ZId.optional() }),
  z.object({ ...base, type: z.literal('conversation.reopened') }),
  z.object({
    ...base,
    type: z.literal('rating'),
    end: ZEndScore,
    peak: ZPeak.optional(),
    comment: ZFreeText(LIMITS.commentLength).optional(),
    /** Kept and shown, but yields nothing: see `RATING_EXCLUSIONS`. */
    excluded: z.enum(RATING_EXCLUSIONS).optional(),
  }),
]);

export type Fact = z.output<typeof ZFact>;
export type FactInput = z.input<typeof ZFact>;
export type FactType = Fact['type'];
/** A fact before it is given its id, conversation and time (distributes over the union). */
export type FactDraft = Fact extends infer F
  ? F extends Fact
    ? Omit<F, 'id' | 'conversationId' | 'at'>
    : never
  : never;
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;

/** The order of facts within a conversation: by time, then by id. */
export function compareFacts(a: Fact, b: Fact): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Sorts and de-duplicates facts (by id) into conversation order. */
export function inConversationOrder(facts: readonly Fact[]): Fact[] {
  const seen = new Set<string>();
  const unique: Fact[] = [];
  for (const fact of facts) {
    if (seen.has(fact.id)) continue;
    seen.add(fact.id);
    unique.push(fact);
  }
  return unique.sort(compareFacts);
}

/** The wire form of a parsed fact (times back to ISO), e.g. for storage or export. */
export function factToWire(fact: Fact): FactInput {
  const wire: Record<string, unknown> = { ...fact, at: new Date(fact.at).toISOString() };
  if (fact.type === 'promise.made') wire.dueAt = new Date(fact.dueAt).toISOString();
  return wire as FactInput;
}
