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
 * Free text (messages, promises, comments), up to `max` characters. NUL is refused: no reader
 * needs it, and PostgreSQL cannot store it in JSON, so both stores accept exactly the same text.
 */
export const ZFreeText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !text.includes('\u0000'), 'must not contain NUL characters');

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
  z.object({ ...base, type: z.literal('promise.kept'), promiseId: ZId }),
  z.object({ ...base, type: z.literal('conversation.closed'), agentId: ZId.optional() }),
  z.object({ ...base, type: z.literal('conversation.reopened') }),
  z.object({
    ...base,
    type: z.literal('rating'),
    end: ZEndScore,
    peak: ZPeak.optional(),
    comment: ZFreeText(LIMITS.commentLength).optional(),
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

/** The wire form of a parsed fact (times back to ISO), e.g. for storage or export. */
export function factToWire(fact: Fact): FactInput {
  const wire: Record<string, unknown> = { ...fact, at: new Date(fact.at).toISOString() };
  if (fact.type === 'promise.made') wire.dueAt = new Date(fact.dueAt).toISOString();
  return wire as FactInput;
}
