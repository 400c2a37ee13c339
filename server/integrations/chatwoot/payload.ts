/**
 * Chatwoot's webhook payloads, parsed leniently: only the fields the adapter reads are checked,
 * everything else may be there or not, so a newer Chatwoot that adds fields still parses.
 *
 * Where each shape comes from, in Chatwoot's code (app/…):
 *   - message events: `Message#webhook_data` (models/message.rb) merged with `event`: top-level
 *     `message_type` is the enum's name ("incoming"), `created_at` a Rails time (ISO string),
 *     `sender` the user's, contact's or bot's `webhook_data` (with `type`), `account` and `inbox`
 *     `{id, name}`, `conversation` as below;
 *   - conversation events: `Conversation#webhook_data`, which is
 *     `Conversations::EventDataPresenter#push_data` (presenters/conversations/
 *     event_data_presenter.rb): `id` is the per-account display id, times are epoch seconds
 *     (`updated_at` a float), `messages` holds the last chat message's `push_event_data`
 *     (integer `message_type`, epoch-seconds `created_at`, `account_id`, `sender` with `type`),
 *     `meta.assignee` the assignee's `push_event_data`;
 *   - `changed_attributes` (listeners/webhook_listener.rb via base_listener.rb's
 *     `extract_changed_attributes`): null, or a list of `{name: {previous_value,
 *     current_value}}`.
 */
import { z } from 'zod';

/** An id Chatwoot sends as a number (or, from some versions and proxies, a numeric string). */
export const ZChatwootId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^[0-9]{1,18}$/)])
  .transform((id) => String(id));

/** 9999-12-31T23:59:59.999Z. */
const LATEST = 253_402_300_799_999;

/**
 * A time as epoch seconds (a number, maybe with a fraction) or an ISO string, as epoch
 * milliseconds.
 */
export const ZChatwootTime = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms =
    typeof value === 'number'
      ? value * 1000
      : /^[0-9]+(\.[0-9]+)?$/.test(value)
        ? Number(value) * 1000
        : Date.parse(value);
  // Within what a Date can show (an ISO year of four digits), or no time at all.
  if (!Number.isFinite(ms) || ms <= 0 || ms > LATEST) {
    ctx.addIssue({ code: 'custom', message: 'must be a time' });
    return z.NEVER;
  }
  // Seconds with a fraction (`updated_at.to_f`) are not exact in binary: round, not truncate.
  return Math.round(ms);
});

/** Who sent a message or is assigned: `type` is "user" for an agent (push and webhook data). */
export const ZChatwootPerson = z.looseObject({
  id: ZChatwootId,
  name: z.string().nullish(),
  email: z.string().nullish(),
  type: z.string().nullish(),
});
export type ChatwootPerson = z.output<typeof ZChatwootPerson>;

/** The CSAT survey's answer, in `content_attributes.submitted_values` (message.rb `store`). */
export const ZCsatResponse = z.looseObject({
  rating: z.coerce.number().int().min(1).max(5),
  feedback_message: z.string().nullish(),
});

const ZContentAttributes = z
  .looseObject({
    submitted_values: z
      .looseObject({ csat_survey_response: ZCsatResponse.nullish() })
      .nullish()
      .catch(null),
  })
  .nullish()
  .catch(null);

/** A message inside `conversation.messages` (`Message#push_event_data`). */
export const ZPushMessage = z.looseObject({
  id: ZChatwootId,
  content: z.string().nullish(),
  account_id: ZChatwootId.nullish(),
  message_type: z.number().int(),
  created_at: ZChatwootTime,
  private: z.boolean().nullish(),
  content_type: z.string().nullish(),
  content_attributes: ZContentAttributes,
  sender_type: z.string().nullish(),
  sender: ZChatwootPerson.nullish().catch(null),
});

/** A conversation as its events and messages carry it (EventDataPresenter#push_data). */
export const ZChatwootConversation = z.looseObject({
  id: ZChatwootId,
  inbox_id: ZChatwootId,
  /** Not in Chatwoot's own payload; some forks add it. */
  account_id: ZChatwootId.nullish(),
  status: z.string().nullish(),
  created_at: ZChatwootTime.nullish().catch(null),
  updated_at: ZChatwootTime.nullish().catch(null),
  timestamp: ZChatwootTime.nullish().catch(null),
  // One message that does not parse (a new kind) is left out, not the whole payload.
  messages: z
    .array(z.unknown())
    .nullish()
    .transform((messages) =>
      (messages ?? []).flatMap((message) => {
        const parsed = ZPushMessage.safeParse(message);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  meta: z
    .looseObject({
      sender: z
        .looseObject({ name: z.string().nullish(), email: z.string().nullish() })
        .nullish()
        .catch(null),
      assignee: ZChatwootPerson.nullish().catch(null),
    })
    .nullish()
    .catch(null),
});
export type ChatwootConversation = z.output<typeof ZChatwootConversation>;

/** `{previous_value, current_value}` of one attribute. */
const ZChange = z.looseObject({ previous_value: z.unknown(), current_value: z.unknown() });

/** `changed_attributes`: null, or a list of one-attribute objects (an object, leniently). */
export const ZChangedAttributes = z
  .union([z.array(z.record(z.string(), ZChange)), z.record(z.string(), ZChange)])
  .nullish()
  .catch(null)
  .transform((changes) => {
    const merged = new Map<string, { previous: unknown; current: unknown }>();
    const entries = Array.isArray(changes)
      ? changes.flatMap((change) => Object.entries(change))
      : Object.entries(changes ?? {});
    for (const [name, change] of entries) {
      merged.set(name, { previous: change.previous_value, current: change.current_value });
    }
    return merged;
  });

const conversationEvent = <E extends string>(event: E) =>
  ZChatwootConversation.extend({
    event: z.literal(event),
    changed_attributes: ZChangedAttributes,
  });

/** A message event (`Message#webhook_data` plus `event`). */
const messageEvent = <E extends string>(event: E) =>
  z.looseObject({
    event: z.literal(event),
    id: ZChatwootId,
    content: z.string().nullish(),
    created_at: ZChatwootTime,
    message_type: z.string(),
    content_type: z.string().nullish(),
    content_attributes: ZContentAttributes,
    private: z.boolean().nullish(),
    sender: ZChatwootPerson.nullish().catch(null),
    account: z.looseObject({ id: ZChatwootId }).nullish(),
    inbox: z.looseObject({ id: ZChatwootId }).nullish(),
    conversation: ZChatwootConversation,
  });

export const ZChatwootPayload = z.discriminatedUnion('event', [
  conversationEvent('conversation_created'),
  conversationEvent('conversation_status_changed'),
  conversationEvent('conversation_updated'),
  messageEvent('message_created'),
  messageEvent('message_updated'),
]);
export type ChatwootPayload = z.output<typeof ZChatwootPayload>;

/** The events the adapter reads (others are skipped before parsing). */
export const READ_EVENTS: ReadonlySet<string> = new Set(
  ZChatwootPayload.options.map((option) => option.shape.event.value),
);
