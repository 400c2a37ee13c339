/**
 * One visitor's data, on their request (server/http/visitors.ts, docs/operations.md): what the
 * visitor data API takes and answers, for the server and the console's admin screens alike.
 */
import { z } from 'zod';
import { ZId } from './facts';

/**
 * Find a visitor by one of: the user id the host page signs (`userId` + `userHash`,
 * docs/embedding.md), or one of their conversations (as the ratings export lists it).
 */
export const ZVisitorLookup = z
  .strictObject({ userId: ZId.optional(), conversationId: ZId.optional() })
  .refine((by) => (by.userId === undefined) !== (by.conversationId === undefined), {
    message: 'give either userId or conversationId',
  });

export const ZVisitorFound = z.object({
  visitorId: z.string(),
  /** How many conversations the visitor has on the site (0: none stored). */
  conversations: z.int(),
});

export const ZVisitorExport = z.object({
  siteId: z.string(),
  visitorId: z.string(),
  exportedAt: z.string(),
  conversations: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      lastActivityAt: z.string(),
      /** Every stored event of the conversation, in the events API's form (docs/api.md). */
      facts: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});

export const ZVisitorErased = z.object({
  visitorId: z.string(),
  /** The visitor's conversations, each redacted. */
  conversations: z.array(z.string()),
  /** How many stored events had text or identity taken out (0 when erased before). */
  facts: z.int(),
});

export type VisitorFound = z.output<typeof ZVisitorFound>;
export type VisitorErased = z.output<typeof ZVisitorErased>;
