/**
 * Outgoing webhooks (docs/webhooks.md): endpoints a site's admins register, the events they may
 * hear, and what the API shows of endpoints and their deliveries. Deliveries follow the
 * Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature; v1 HMAC-SHA256 with
 * a `whsec_` secret), or, for a Slack destination, post an incoming-webhook message.
 */
import { z } from 'zod';

export const WEBHOOK_EVENTS = [
  'rating.saved',
  'followup.created',
  'followup.updated',
  'promise.broken',
  'conversation.reopened',
] as const;
export const ZWebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof ZWebhookEvent>;

/** The test ping, sent on demand to one endpoint (never subscribed to). */
export const PING_EVENT = 'webhook.ping';
export type DeliveredEvent = WebhookEvent | typeof PING_EVENT;

/**
 * What a Slack destination hears: a bad ending (`rating.saved` with end ≤ 2) and a broken
 * promise, as a message. Its other events would say nothing a channel needs.
 */
export const SLACK_EVENTS: readonly WebhookEvent[] = ['rating.saved', 'promise.broken'];

export const WEBHOOK_KINDS = ['standard', 'slack'] as const;
export const ZWebhookKind = z.enum(WEBHOOK_KINDS);
export type WebhookKind = z.infer<typeof ZWebhookKind>;

/** Endpoints per site. */
export const WEBHOOKS_PER_SITE = 20;
export const WEBHOOK_URL_LENGTH = 2000;

export const ZWebhookUrl = z
  .string()
  .trim()
  .max(WEBHOOK_URL_LENGTH)
  .pipe(z.url({ error: 'must be a URL' }))
  .refine((url) => /^https?:\/\//i.test(url), { message: 'must be an http:// or https:// URL' })
  .refine((url) => !URL.canParse(url) || (!new URL(url).username && !new URL(url).password), {
    message: 'must not carry a user name or password',
  });

const ZEvents = z
  .array(ZWebhookEvent)
  .min(1, 'choose at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

/** `POST /api/v1/sites/:siteId/webhooks`. A Slack endpoint hears only SLACK_EVENTS. */
export const ZNewWebhook = z
  .strictObject({
    url: ZWebhookUrl,
    events: ZEvents,
    kind: ZWebhookKind.default('standard'),
  })
  .refine((hook) => hook.kind !== 'slack' || hook.events.every((e) => SLACK_EVENTS.includes(e)), {
    message: `a Slack destination hears only ${SLACK_EVENTS.join(' and ')}`,
    path: ['events'],
  });
export type NewWebhook = z.output<typeof ZNewWebhook>;

/** `PATCH …/webhooks/:id`: re-enabling clears the reason it was disabled. */
export const ZWebhookPatch = z
  .strictObject({
    url: ZWebhookUrl.optional(),
    events: ZEvents.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'change at least one field' });
export type WebhookPatch = z.output<typeof ZWebhookPatch>;

/** Ids in paths: the server's own forms. */
export const ZWebhookId = z.string().regex(/^wh_[0-9A-Z]{26}$/, 'not a webhook id');
export const ZDeliveryId = z.string().regex(/^msg_[0-9A-Z]{26}$/, 'not a delivery id');

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** `GET …/webhooks/:id/deliveries`: newest first, a page at a time. */
export const ZDeliveryFilter = z.strictObject({
  before: ZDeliveryId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface WebhookView {
  id: string;
  url: string;
  kind: WebhookKind;
  events: WebhookEvent[];
  enabled: boolean;
  /** Why Peakend disabled it (after a day of failed deliveries); null when it did not. */
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The answer to a creation: the secret is shown here once. */
export interface NewWebhookView extends WebhookView {
  secret: string;
}

export interface DeliveryView {
  /** The webhook-id header: the same on every retry and resend of this message. */
  id: string;
  event: DeliveredEvent;
  status: DeliveryStatus;
  attempts: number;
  /** When it is (next) due; null once settled. */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The last answer's HTTP status; null when none came. */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryPage {
  deliveries: DeliveryView[];
}

/** What every delivery's body is (Standard Webhooks' recommended shape). */
export interface WebhookPayload {
  type: DeliveredEvent;
  /** When the event happened, ISO. */
  timestamp: string;
  data: Record<string, unknown>;
}
