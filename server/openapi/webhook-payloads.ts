/**
 * What Peakend posts to a site's webhooks (docs/webhooks.md), for the document's `webhooks`
 * section: one entry per event, with its body's envelope and a realistic example. `data` is
 * described in words and by example only: its fields are made in server/storage/webhook-events.ts
 * without a type of their own. Tests check each example against the envelope.
 */
import { z } from 'zod';
import { PING_EVENT, WEBHOOK_EVENTS, type DeliveredEvent } from '../../shared/webhooks';
import { ZWebhookPayload } from './views';

/** One event's body: the envelope, with its `type`. */
export const payloadSchemaOf = (event: DeliveredEvent) =>
  ZWebhookPayload.extend({ type: z.literal(event) });

export interface WebhookPayloadDoc {
  event: DeliveredEvent;
  summary: string;
  /** Markdown: when it is sent, and what `data` carries. */
  description: string;
  example: z.input<typeof ZWebhookPayload>;
}

const RATING_DATA = {
  conversationId: 'c-4821',
  visitorId: 'v-9Qe3',
  agentId: 'ben',
  end: 2,
  peak: { dimension: 'responsiveness', polarity: 'negative' },
  comment: 'Took ages to get an answer',
  ratedAt: '2026-11-30T09:13:58.000Z',
  firstRatedAt: '2026-11-30T09:13:40.000Z',
  counts: true,
  setAside: null,
  segment: 'pro',
  version: 7,
};

const ITEM_DATA = {
  id: '01JDQ6N4C8Y2T7W5R3K9M1B0XZ',
  conversationId: 'c-4821',
  cause: 'rating',
  agentId: 'ben',
  at: '2026-11-30T09:13:58.000Z',
  status: 'new',
  rating: {
    end: 2,
    peak: { dimension: 'responsiveness', polarity: 'negative' },
    comment: 'Took ages to get an answer',
    unhandled: false,
  },
  updatedAt: '2026-11-30T09:14:03.120Z',
  version: 1,
};

export const WEBHOOK_PAYLOADS: readonly WebhookPayloadDoc[] = [
  {
    event: 'rating.saved',
    summary: 'A visitor rated a conversation',
    description:
      'Once they finish the card, or two minutes after their last step; again for each later amendment (`data.version` grows). `counts` is false when the rating moves no score, and `setAside` says why: `member`, `flood` or `unanswered`.',
    example: { type: 'rating.saved', timestamp: '2026-11-30T09:14:03.120Z', data: RATING_DATA },
  },
  {
    event: 'followup.created',
    summary: 'A follow-up item was made',
    description:
      "`data` is the item: `id`, `conversationId`, `cause` (`rating`, `promise` or `reopen`), `agentId`, `at`, `status`, what caused it (`rating`, `promise` or `reopenFactId`), `updatedAt` and `version`. An item for a promise is told at the promise's due time.",
    example: { type: 'followup.created', timestamp: '2026-11-30T09:14:03.120Z', data: ITEM_DATA },
  },
  {
    event: 'followup.updated',
    summary: 'A follow-up item changed',
    description:
      'Its status, owner or notes, or its cause (`status: "withdrawn"` when an amended rating took it back before anyone acted). `data` as in `followup.created`.',
    example: {
      type: 'followup.updated',
      timestamp: '2026-11-30T11:02:41.500Z',
      data: {
        ...ITEM_DATA,
        status: 'contacted',
        updatedAt: '2026-11-30T11:02:41.500Z',
        version: 2,
      },
    },
  },
  {
    event: 'promise.broken',
    summary: 'A promise was not kept by its due time',
    description: 'Told once, at the due time; a promise kept in time is never told.',
    example: {
      type: 'promise.broken',
      timestamp: '2026-11-30T15:30:00.000Z',
      data: {
        conversationId: 'c-4821',
        promiseId: 'p-2',
        agentId: 'ben',
        text: "I'll email you the return label by 15:30",
        dueAt: '2026-11-30T15:30:00.000Z',
        keptAt: null,
        followupId: '01JDQ7A1F5H8J2K6M9P3S0V4XY',
      },
    },
  },
  {
    event: 'conversation.reopened',
    summary: 'A closed conversation was opened again',
    description: '`data`: `conversationId`, `reopenedAt`, `status` and `version`.',
    example: {
      type: 'conversation.reopened',
      timestamp: '2026-12-01T08:02:10.000Z',
      data: {
        conversationId: 'c-4821',
        reopenedAt: '2026-12-01T08:02:09.000Z',
        status: 'open',
        version: 9,
      },
    },
  },
  {
    event: PING_EVENT,
    summary: 'The test ping',
    description:
      'Sent by `POST …/webhooks/:id/ping` (or **Ping** in the console); never subscribed to.',
    example: {
      type: PING_EVENT,
      timestamp: '2026-11-30T10:00:00.000Z',
      data: {
        siteId: 'site_3kT9qzXw',
        webhookId: 'wh_01JDQ5V7K3M2Y8ZQ4W6N1P0R9S',
        message: 'A test ping from Peakend.',
      },
    },
  },
];

// Every event a webhook may hear is documented, the ping too.
const documented = new Set<string>(WEBHOOK_PAYLOADS.map((payload) => payload.event));
for (const event of [...WEBHOOK_EVENTS, PING_EVENT]) {
  if (!documented.has(event)) throw new Error(`webhook-payloads.ts: no entry for ${event}`);
}
