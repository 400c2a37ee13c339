/**
 * Helpdesk integrations as the API and the admin screens see them (docs/integrations/): what may
 * be sent to enable or change one (parsed by the server), and what comes back.
 */
import { z } from 'zod';
import { storableText } from './limits';

/**
 * The events to tick in Chatwoot's webhook settings: the ones the adapter maps to facts
 * (docs/integrations/chatwoot.md). Anything else Chatwoot sends is answered 200 and skipped.
 */
export const CHATWOOT_EVENTS = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'message_created',
  'message_updated',
] as const;

/** Chatwoot's webhook secret, as its settings show it: kept to check its signatures. */
export const ZChatwootSecret = z
  .string()
  .trim()
  .min(8, 'must be the secret Chatwoot shows (at least 8 characters)')
  .max(200, 'must be at most 200 characters')
  .refine(storableText, 'must be plain text');

/**
 * Enabling (or rotating) the adapter: a new webhook URL; `secret` stores Chatwoot's webhook
 * secret at the same time (null: forget it; absent: keep the stored one).
 */
export const ZChatwootEnable = z
  .strictObject({ secret: ZChatwootSecret.nullable().optional() })
  .optional()
  .transform((body) => body ?? {});
export type ChatwootEnable = z.input<typeof ZChatwootEnable>;

/** Changing the stored secret alone (the URL stays). */
export const ZChatwootPatch = z.strictObject({ secret: ZChatwootSecret.nullable() });
export type ChatwootPatch = z.input<typeof ZChatwootPatch>;

/** The adapter as `GET` answers: never its URL, whose token only enabling and rotation show. */
export const ZChatwootIntegrationView = z.object({
  enabled: z.boolean(),
  /** The events to tick in Chatwoot. */
  events: z.array(z.string()),
  /** Whether Chatwoot's webhook secret is stored, so signatures are checked. */
  secretSet: z.boolean(),
  /** When the current URL was made (ISO); null while disabled. */
  urlCreatedAt: z.string().nullable(),
});
export type ChatwootIntegrationView = z.infer<typeof ZChatwootIntegrationView>;

/** The adapter just enabled or rotated: with its URL, shown this once. */
export const ZChatwootEnabledView = ZChatwootIntegrationView.extend({ url: z.url() });
export type ChatwootEnabledView = z.infer<typeof ZChatwootEnabledView>;

/** What a delivery's answer says (always 200 unless refused). */
export const ZChatwootDelivered = z.object({
  /** Facts stored from it (held reopens recorded now included). */
  accepted: z.number().int(),
  /** Facts it carried that were stored already. */
  duplicates: z.number().int(),
  /** Reopens it held back until an agent answers. */
  held: z.number().int().optional(),
  /** What of it was not read, and why. */
  skipped: z.string().optional(),
});
export type ChatwootDelivered = z.infer<typeof ZChatwootDelivered>;
