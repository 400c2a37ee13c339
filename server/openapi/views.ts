/**
 * What the API answers, as zod output schemas for the OpenAPI document. The answers' TypeScript
 * types live in shared/ (the console reads them); `Same<…>` below makes the compiler refuse a
 * schema that no longer matches its type, so the document follows any change to an answer.
 */
import { z } from 'zod';
import 'zod-openapi';
import type { AckError } from '../../shared/ack';
import type { CommentsPage } from '../../shared/comments';
import { ZPeak } from '../../shared/facts';
import { FOLLOWUP_CAUSES, FOLLOWUP_STATUSES, type FollowupPage } from '../../shared/followups';
import type { HistoryPage } from '../../shared/history';
import {
  AGENT_NAME_SOURCES,
  type AgentView,
  type InviteLookup,
  type InviteView,
  type MemberView,
  type NewInviteView,
} from '../../shared/accounts';
import type { ExpectationBody, SegmentsBody, TrendsBody } from '../../shared/insights';
import type { SignedInAgent } from '../../shared/protocol';
import type { ReportBody } from '../../shared/report';
import type { ScoresBody } from '../../shared/scoring/types';
import { TREND_INTERVALS } from '../../shared/zoned';
import { ROLES } from '../../shared/roles';
import { ZSiteSettingsPatch } from '../../shared/settings';
import type { NewSiteView, RotatedKey, SiteView } from '../../shared/sites';
import {
  DELIVERY_STATUSES,
  PING_EVENT,
  WEBHOOK_EVENTS,
  WEBHOOK_KINDS,
  type DeliveryPage,
  type DeliveryView,
  type NewWebhookView,
  type WebhookPayload,
  type WebhookView,
} from '../../shared/webhooks';

/** Compiles only when A and B are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile (and names the schema) when a schema's output drifts from its type. */
const same = <T extends true>(..._checks: T[]) => undefined;

const ZIsoTime = z.iso.datetime().meta({ example: '2026-11-23T10:00:00.000Z' });
const ZRole = z.enum(ROLES);

export const ZIssue = z.object({
  path: z
    .string()
    .meta({ description: 'Where, as a dotted path (`events.3.at`); empty: the whole input.' }),
  message: z.string(),
});

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        'invalid',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'too_large',
        'conversation_full',
        'rate_limited',
        'internal',
      ]),
      message: z.string().meta({ description: 'For people: what went wrong, and what to do.' }),
      issues: z.array(ZIssue).optional().meta({ description: 'With `invalid`: every problem.' }),
      retryAfterSeconds: z
        .number()
        .optional()
        .meta({ description: 'With `rate_limited`: as the `Retry-After` header.' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every refusal: a code to act on and a message to show.' });

export const ZSiteView = z
  .object({
    siteId: z.string(),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    settings: ZSiteSettingsPatch.required().meta({
      id: 'SiteSettings',
      description: 'The scoring settings (docs/scoring.md).',
    }),
    createdAt: ZIsoTime,
    snippet: z.string().meta({ description: 'The embed snippet to paste into your pages.' }),
    signingSecret: z.string().meta({
      description: "Signs host-chat conversations and signed-in users' ids; changes with the key.",
    }),
    previousKeyUntil: ZIsoTime.nullable().meta({
      description:
        "While a key rotation's grace period runs, when it ends: until then the previous key, its signatures and its visitor tokens still work. Null: none runs.",
    }),
  })
  .meta({ id: 'Site' });

export const ZNewSiteView = ZSiteView.extend({
  key: z.string().meta({ description: 'The site key, shown this once: only its hash is kept.' }),
}).meta({ id: 'NewSite' });

export const ZRotatedKey = z.object({
  siteId: z.string(),
  key: z.string(),
  signingSecret: z.string(),
  previousKeyUntil: ZIsoTime.optional().meta({
    description:
      'Only with a grace period: until when the previous key, its signatures and its visitor tokens keep working.',
  }),
});

export const ZMemberView = z
  .object({
    agentId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    role: ZRole,
    answersChats: z.boolean().meta({
      description:
        'Whether they answer chats. One who does not is left out of the scores while they have no observations.',
    }),
    hasAccess: z.boolean(),
    you: z.boolean(),
    createdAt: ZIsoTime,
  })
  .meta({ id: 'Member' });

export const ZInviteView = z
  .object({
    inviteId: z.string(),
    email: z.string(),
    role: ZRole,
    agentId: z.string().nullable(),
    createdAt: ZIsoTime,
    expiresAt: ZIsoTime,
  })
  .meta({ id: 'Invite' });

export const ZNewInviteView = ZInviteView.extend({
  link: z.string().meta({ description: 'The invite link, shown this once.' }),
  emailed: z.boolean().optional(),
}).meta({ id: 'NewInvite' });

export const ZInviteLookup = z.object({
  siteName: z.string(),
  email: z.string(),
  role: ZRole,
  accountExists: z.boolean(),
  expiresAt: ZIsoTime,
});

export const ZSignedInAgent = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    siteId: z.string(),
    siteName: z.string(),
    role: ZRole,
    sites: z.array(z.object({ siteId: z.string(), siteName: z.string(), role: ZRole })),
    emailUnconfirmed: z.boolean().optional(),
  })
  .meta({ id: 'SignedInAgent' });

export const ZAgentAnswer = z.object({ agent: ZSignedInAgent });

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZFollowupView = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    contact: z.object({ email: z.string().optional(), name: z.string().optional() }).nullable(),
    cause: z.enum(FOLLOWUP_CAUSES),
    at: ZIsoTime,
    agent: ZPerson.nullable(),
    rating: z
      .object({
        end: z.number(),
        peak: ZPeak.nullable(),
        comment: z.string().nullable(),
        unhandled: z.boolean(),
      })
      .nullable(),
    promise: z
      .object({
        promiseId: z.string(),
        text: z.string().nullable(),
        dueAt: ZIsoTime,
        keptAt: ZIsoTime.nullable(),
        disputedAt: ZIsoTime.nullable(),
      })
      .nullable(),
    status: z.enum(FOLLOWUP_STATUSES),
    owner: ZPerson.nullable(),
    reason: z.string().nullable(),
    notes: z.array(z.object({ at: ZIsoTime, by: ZPerson.nullable(), text: z.string() })),
    createdAt: ZIsoTime,
    updatedAt: ZIsoTime,
    version: z.number(),
  })
  .meta({ id: 'Followup' });

export const ZFollowupPage = z.object({
  items: z.array(ZFollowupView),
  next: z.string().nullable(),
});

const ZRatingLine = {
  end: z.number(),
  peak: ZPeak.nullable(),
  comment: z.string().nullable(),
  at: ZIsoTime,
  excluded: z.string().nullable(),
};

export const ZCommentsPage = z.object({
  comments: z.array(
    z.object({
      conversationId: z.string(),
      visitorLabel: z.string(),
      segment: z.string().nullable(),
      agent: ZPerson.nullable(),
      ...ZRatingLine,
    }),
  ),
  next: z.string().nullable(),
});

export const ZHistoryPage = z.object({
  conversations: z.array(
    z.object({
      id: z.string(),
      visitorLabel: z.string(),
      segment: z.string().nullable(),
      status: z.enum(['open', 'closed']),
      assignedAgent: ZPerson.nullable(),
      openedAt: ZIsoTime,
      lastActivityAt: ZIsoTime,
      closedAt: ZIsoTime.nullable(),
      rating: z.object({ ...ZRatingLine, agent: ZPerson.nullable() }).nullable(),
      snippet: z.string().nullable(),
    }),
  ),
  next: z.string().nullable(),
});

const ZAgentDimension = z.object({
  score: z.number(),
  low: z.number().meta({ description: '5% quantile of the posterior, × 100.' }),
  high: z.number().meta({ description: '95% quantile of the posterior, × 100.' }),
  n: z.number().meta({ description: 'Observations counted, not decayed.' }),
  own: z.object({ score: z.number().nullable(), weight: z.number() }),
  team: z.object({ score: z.number(), weight: z.number() }),
  tooLittleEvidence: z.boolean(),
});
const ZSiteDimension = z.object({ score: z.number().nullable(), n: z.number() });
const ZCsat = z
  .object({ value: z.number().nullable(), n: z.number() })
  .meta({ description: 'Share of counting ratings ending 4 or 5 in the 30 days up to then.' });
const ZSiteScores = z
  .object({
    responsiveness: ZSiteDimension,
    reliability: ZSiteDimension,
    experience: ZSiteDimension,
    csat: ZCsat,
  })
  .meta({ id: 'SiteScores' });
const ZAgentScores = z
  .object({
    agentId: z.string(),
    name: z.string(),
    responsiveness: ZAgentDimension,
    reliability: ZAgentDimension,
    experience: ZAgentDimension,
    csat: ZCsat,
  })
  .meta({ id: 'AgentScores' });

export const ZScoresBody = z
  .object({
    at: ZIsoTime.meta({ description: 'The time the scores are for.' }),
    site: ZSiteScores,
    agents: z.array(ZAgentScores),
  })
  .meta({ id: 'Scores' });

export const ZSegmentsBody = z
  .object({
    from: ZIsoTime,
    to: ZIsoTime,
    minRatingsToRank: z.number(),
    segments: z.array(
      z.object({
        segment: z.string().nullable(),
        ratings: z.number(),
        csat: ZCsat,
        scores: z.object({
          responsiveness: ZSiteDimension,
          reliability: ZSiteDimension,
          experience: ZSiteDimension,
        }),
        drivers: z
          .array(z.object({ peak: ZPeak, bad: z.number(), good: z.number(), lift: z.number() }))
          .nullable()
          .meta({ description: 'What matters most, by lift; null below `minRatingsToRank`.' }),
      }),
    ),
  })
  .meta({ id: 'Segments' });

export const ZTrendsBody = z
  .object({
    interval: z.enum(TREND_INTERVALS),
    timeZone: z.string(),
    from: ZIsoTime,
    to: ZIsoTime,
    buckets: z.array(
      z.object({
        start: ZIsoTime,
        end: ZIsoTime,
        partial: z.boolean(),
        site: ZSiteScores,
        agents: z.array(ZAgentScores),
      }),
    ),
  })
  .meta({ id: 'Trends' });

const replyFigures = {
  replies: z.number(),
  withinTarget: z.number(),
  withinShare: z.number().nullable(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
};
const ZReplyFigures = z.object(replyFigures);
const ZAgentReplyFigures = z.object({ agentId: z.string(), name: z.string(), ...replyFigures });

export const ZExpectationBody = z
  .object({
    timeZone: z.string(),
    from: ZIsoTime,
    to: ZIsoTime,
    stated: z.object({
      targetReplySeconds: z.number(),
      keptSeconds: z.number().nullable(),
      keptReplies: z.number(),
      keptPercentile: z.number(),
      keptDays: z.number(),
      followsKept: z.boolean(),
      widgetMinutes: z.number().nullable(),
    }),
    total: z.object({ site: ZReplyFigures, agents: z.array(ZAgentReplyFigures) }),
    weeks: z.array(
      z.object({
        start: ZIsoTime,
        end: ZIsoTime,
        partial: z.boolean(),
        site: ZReplyFigures,
        agents: z.array(ZAgentReplyFigures),
      }),
    ),
  })
  .meta({ id: 'Expectation' });

const ZReportWeek = {
  week: z.string().meta({ example: '2026-W47' }),
  from: ZIsoTime,
  to: ZIsoTime,
};
const count = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.number()])) as Record<K, z.ZodNumber>);
const ZTally = z.object({
  total: z.number(),
  byCause: count(FOLLOWUP_CAUSES),
  byStatus: count(FOLLOWUP_STATUSES),
});

export const ZReportBody = z
  .object({
    ...ZReportWeek,
    timeZone: z.string(),
    previous: z.object(ZReportWeek),
    latest: z.string().meta({ description: 'The last complete week.' }),
    followups: z.object({ opened: ZTally, closed: ZTally }),
  })
  .meta({ id: 'WeeklyReport' });

export const ZAgentView = z
  .object({
    agentId: z.string(),
    name: z
      .string()
      .meta({ description: "What Peakend shows: the linked member's name, or its own." }),
    ownName: z
      .string()
      .meta({ description: 'Its own name: its id until an event or the team names it.' }),
    nameSource: z.enum(AGENT_NAME_SOURCES),
    avatarUrl: z.string().nullable(),
    memberId: z
      .string()
      .nullable()
      .meta({ description: 'The member it is shown as; its scores stay its own.' }),
    hasAccess: z.boolean().meta({ description: 'A member who signs in (named by their account).' }),
  })
  .meta({ id: 'Agent' });

export const ZWebhookView = z
  .object({
    id: z.string(),
    url: z
      .string()
      .meta({ description: "Where it posts; a Slack destination's shows its origin only." }),
    kind: z.enum(WEBHOOK_KINDS),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: 'Why Peakend disabled it (after a day of failed deliveries).' }),
    createdAt: ZIsoTime,
    updatedAt: ZIsoTime,
  })
  .meta({ id: 'Webhook' });

export const ZNewWebhookView = ZWebhookView.extend({
  secret: z.string().meta({ description: 'The signing secret (`whsec_…`), shown this once.' }),
}).meta({ id: 'NewWebhook' });

export const ZDeliveryView = z
  .object({
    id: z.string().meta({ description: 'Its `webhook-id`: the same on every retry and resend.' }),
    event: z.enum([...WEBHOOK_EVENTS, PING_EVENT]),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number(),
    nextAttemptAt: ZIsoTime.nullable().meta({
      description: 'When it is (next) due; null once settled.',
    }),
    lastAttemptAt: ZIsoTime.nullable(),
    lastStatus: z
      .number()
      .nullable()
      .meta({ description: "The last answer's HTTP status; null when none came." }),
    lastError: z.string().nullable(),
    createdAt: ZIsoTime,
    deliveredAt: ZIsoTime.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const ZDeliveryPage = z.object({ deliveries: z.array(ZDeliveryView) });

export const ZWebhookPayload = z
  .object({
    type: z.enum([...WEBHOOK_EVENTS, PING_EVENT]),
    timestamp: ZIsoTime.meta({ description: 'When the event happened.' }),
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: "The event's facts; times in it are ISO 8601 too." }),
  })
  .meta({ id: 'WebhookPayload', description: "Every delivery's body (Standard Webhooks)." });

same(
  true as Same<z.output<typeof ZAgentView>, AgentView>,
  true as Same<z.output<typeof ZWebhookPayload>, WebhookPayload>,
  true as Same<z.output<typeof ZWebhookView>, WebhookView>,
  true as Same<z.output<typeof ZNewWebhookView>, NewWebhookView>,
  true as Same<z.output<typeof ZDeliveryView>, DeliveryView>,
  true as Same<z.output<typeof ZDeliveryPage>, DeliveryPage>,
  true as Same<z.output<typeof ZErrorBody>['error'], AckError>,
  true as Same<z.output<typeof ZSiteView>, SiteView>,
  true as Same<z.output<typeof ZNewSiteView>, NewSiteView>,
  true as Same<z.output<typeof ZRotatedKey>, RotatedKey>,
  true as Same<z.output<typeof ZMemberView>, MemberView>,
  true as Same<z.output<typeof ZInviteView>, InviteView>,
  true as Same<z.output<typeof ZNewInviteView>, NewInviteView>,
  true as Same<z.output<typeof ZInviteLookup>, InviteLookup>,
  true as Same<z.output<typeof ZSignedInAgent>, SignedInAgent>,
  true as Same<z.output<typeof ZFollowupPage>, FollowupPage>,
  true as Same<z.output<typeof ZCommentsPage>, CommentsPage>,
  true as Same<z.output<typeof ZHistoryPage>, HistoryPage>,
  true as Same<z.output<typeof ZScoresBody>, ScoresBody>,
  true as Same<z.output<typeof ZSegmentsBody>, SegmentsBody>,
  true as Same<z.output<typeof ZTrendsBody>, TrendsBody>,
  true as Same<z.output<typeof ZExpectationBody>, ExpectationBody>,
  true as Same<z.output<typeof ZReportBody>, ReportBody>,
);

/** What `POST …/ratings` answers for each rating step, in order: the socket's envelope. */
export const ZRatingResults = z.object({
  results: z.array(
    z.union([
      z.object({
        ok: z.literal(true),
        data: z.object({
          end: z.number(),
          peak: ZPeak.nullable(),
          comment: z.string().nullable(),
          peakAnswered: z.boolean(),
          finished: z.boolean(),
          at: ZIsoTime,
          amendableUntil: ZIsoTime,
        }),
      }),
      z.object({ ok: z.literal(false), error: ZErrorBody.shape.error }),
    ]),
  ),
});
