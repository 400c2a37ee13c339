/**
 * Facts: the events of the scoring contract. Every source (the built-in chat, the events API,
 * helpdesk webhooks) turns what happened into these, and everything downstream (conversation
 * state, observations, scores) is derived from the set of facts alone.
 *
 * `ZFact` parses the wire form (ISO times); `Fact` is the parsed form (epoch milliseconds).
 */
import { z } from 'zod';
import { ID_CHARACTERS, LIMITS, storableText } from './limits';
import { PROFILE_LIMITS, validAttributeKey, validAttributeValue, validSegment } from './profile';
import { ZInstant } from './time';
import { ZVisit } from './visit';

/** Where text is parsed: see `storableText` in limits.ts. */
export { storableText };

const STORABLE_TEXT = 'must not contain NUL characters or lone surrogates';

/** Free text (messages, promises, comments), up to `max` characters, storable on both stores. */
export const ZFreeText = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).refine(storableText, STORABLE_TEXT);

/**
 * Characters no name needs, which could make one read as something else: control characters,
 * line breaks, and the bidirectional overrides that reorder what follows them (issue 12, §4).
 */
const NOT_IN_A_NAME = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** A short name (of a person, an agent, a site): trimmed, not empty, storable. */
export const ZName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.nameLength)
  .refine(storableText, STORABLE_TEXT)
  .refine((name) => !NOT_IN_A_NAME.test(name), 'must not contain control characters');

/**
 * A picture of an agent, as a helpdesk serves it: https only, without credentials, bounded. The
 * console shows it as an image, so nothing but https may pass (no `javascript:`, no `data:`).
 */
export const ZAvatarUrl = z
  .string()
  .max(LIMITS.avatarUrlLength, `must be at most ${LIMITS.avatarUrlLength} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an https URL without credentials');

/**
 * Who an agent is, as the system that sent the fact knows them: shown for the agent id wherever
 * Peakend shows agents, unless someone on the site's team named it (docs/api.md, "Agents").
 */
const agentIdentity = {
  agentAvatarUrl: ZAvatarUrl.optional(),
};

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

/** A visitor's segment and attributes (profile.ts), bounded like everything on the wire. */
export const ZSegment = z
  .string()
  .refine(validSegment, `must be a name of 1 to ${PROFILE_LIMITS.segmentLength} characters`);
export const ZAttributes = z
  // Names are checked on the object as sent: a record schema would never see a `__proto__` key.
  .custom<Record<string, unknown>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).every(validAttributeKey),
    'must be an object whose names are a letter, then letters, digits, _ . or -',
  )
  .pipe(
    z.record(
      z.string(),
      z
        .string()
        .refine(
          validAttributeValue,
          `must be text of at most ${PROFILE_LIMITS.valueLength} characters`,
        ),
    ),
  )
  .refine((attributes) => Object.keys(attributes).length <= PROFILE_LIMITS.attributes, {
    message: `at most ${PROFILE_LIMITS.attributes} attributes`,
  });

/** An email address as people type it: trimmed, and lower case so one address is one key. */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.emailLength)
  .pipe(z.email({ error: 'Enter a valid email address' }));

/** How to reach a known visitor, for following up a bad experience. */
export const ZContact = z
  .strictObject({
    email: ZEmail.optional(),
    name: ZName.optional(),
  })
  .refine((contact) => contact.email !== undefined || contact.name !== undefined, {
    message: 'give an email or a name',
  });
export type Contact = z.output<typeof ZContact>;

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
    /** Who the visitor is, as the host page says (profile.ts): for insights, never scored. */
    segment: ZSegment.optional(),
    attributes: ZAttributes.optional(),
    /** How to reach the visitor, when they are known (a signed-in user of the site). */
    contact: ZContact.optional(),
    /** Where and how the visitor writes from (visit.ts): for the agent, never scored. */
    visit: ZVisit.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('conversation.assigned'),
    agentId: ZId,
    agentName: ZName.optional(),
    ...agentIdentity,
  }),
  z
    .object({
      ...base,
      type: z.literal('message'),
      from: z.enum(['visitor', 'agent']),
      agentId: ZId.optional(),
      agentName: ZName.optional(),
      ...agentIdentity,
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
    agentName: ZName.optional(),
    ...agentIdentity,
    dueAt: ZInstant,
    text: ZFreeText(LIMITS.promiseTextLength).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('promise.kept'),
    promiseId: ZId,
    /** Who marked it kept (the built-in chat always says; scoring credits the maker). */
    agentId: ZId.optional(),
    agentName: ZName.optional(),
    ...agentIdentity,
  }),
  /** The visitor says a kept promise was not kept ("That didn't happen"). */
  z.object({ ...base, type: z.literal('promise.disputed'), promiseId: ZId }),
  z.object({
    ...base,
    type: z.literal('conversation.closed'),
    agentId: ZId.optional(),
    agentName: ZName.optional(),
    ...agentIdentity,
  }),
  z.object({ ...base, type: z.literal('conversation.reopened') }),
  z.object({
    ...base,
    type: z.literal('rating'),
    end: ZEndScore,
    /** null: "Nothing in particular"; absent: not answered (yet, or ever). */
    peak: ZPeak.nullable().optional(),
    comment: ZFreeText(LIMITS.commentLength).optional(),
    /**
     * The visitor agreed to be contacted about this rating, here: the rating card asks "May we
     * contact you about this?" after a bad ending when the page did not say who they are.
     */
    contact: ZContact.optional(),
    /**
     * The visitor's last answer: the card is done, nothing more is coming (webhooks tell the
     * rating at once rather than after a quiet spell).
     */
    finished: z.literal(true).optional(),
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
