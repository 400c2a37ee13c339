/**
 * `POST /api/v1/sites/:siteId/events`: facts from another helpdesk, through the same pipeline as
 * the built-in chat. A batch is all-or-nothing: one invalid event refuses the whole batch, with
 * every problem listed by index and field, and nothing is stored.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { ZFact, type Fact } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Pipeline } from '../pipeline/pipeline';
import type { Site, Store } from '../storage/store';
import { authenticateSite } from './site-auth';
import { parseBody } from './validate';
import { apiRoute } from '../openapi/route';

const ZBatch = z.object({
  events: z.array(z.unknown()).min(1, 'send at least one event'),
});

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const EVENT_API = {
  record: apiRoute({
    method: 'post',
    path: '/api/v1/sites/:siteId/events',
    tag: 'Events',
    summary: "Send a helpdesk's conversation events",
    description:
      'A batch of 1 to 1000 events, all-or-nothing: one invalid event refuses the whole batch, with every problem listed by index and field (`events.4.dueAt`), and nothing is stored. Event ids are unique per site: an event sent again is counted in `duplicates`; the same id with other content is refused.',
    auth: ['siteKey'],
    // Read in two steps: its size first (ZBatch, so a huge batch is refused unread), then this.
    body: z.object({ events: z.array(ZFact).min(1) }),
    bodyExample: {
      events: [
        {
          id: 'e1',
          type: 'conversation.opened',
          conversationId: 'c-1042',
          at: '2026-11-23T09:00:00Z',
        },
        {
          id: 'e2',
          type: 'message',
          conversationId: 'c-1042',
          at: '2026-11-23T09:00:05Z',
          from: 'visitor',
        },
        {
          id: 'e3',
          type: 'conversation.assigned',
          conversationId: 'c-1042',
          at: '2026-11-23T09:00:30Z',
          agentId: 'anna',
        },
        {
          id: 'e4',
          type: 'message',
          conversationId: 'c-1042',
          at: '2026-11-23T09:01:10Z',
          from: 'agent',
          agentId: 'anna',
        },
        {
          id: 'e5',
          type: 'promise.made',
          conversationId: 'c-1042',
          at: '2026-11-23T09:02:00Z',
          promiseId: 'p1',
          agentId: 'anna',
          dueAt: '2026-11-23T12:00:00Z',
        },
        {
          id: 'e6',
          type: 'conversation.closed',
          conversationId: 'c-1042',
          at: '2026-11-23T09:05:00Z',
          agentId: 'anna',
        },
      ],
    },
    responses: {
      200: {
        description: 'Stored.',
        schema: z.object({ accepted: z.int(), duplicates: z.int() }),
        example: { accepted: 6, duplicates: 0 },
      },
    },
    refusals: {
      409: 'An event id sent again with other content.',
      413: 'More than 1000 events, or 1 MiB.',
    },
  }),
};

/** A promise is about the future: due at least `minPromiseSeconds` after it is made. */
function refuseHastyPromises(site: Site, facts: readonly Fact[]): void {
  const minMs = site.settings.minPromiseSeconds * 1000;
  const issues = facts.flatMap((fact, index) =>
    fact.type === 'promise.made' && fact.dueAt - fact.at < minMs
      ? [
          {
            path: `events.${index}.dueAt`,
            message: `must be at least ${site.settings.minPromiseSeconds} s after the promise is made (the site's minPromiseSeconds)`,
          },
        ]
      : [],
  );
  if (issues.length > 0) {
    throw new Refusal('invalid', 'Some promises are due too soon; nothing was stored.', issues);
  }
}

export function eventRoutes(store: Store, pipeline: Pipeline, clock: Clock): Router {
  const router = express.Router();

  router.post(EVENT_API.record.path, async (req, res) => {
    const site = await authenticateSite(req, store, clock);
    const { events } = parseBody(ZBatch, req.body);
    if (events.length > LIMITS.eventsPerBatch) {
      throw new Refusal(
        'too_large',
        `A batch holds at most ${LIMITS.eventsPerBatch} events; this one has ${events.length}. Split it.`,
      );
    }
    const parsed = parseBody(EVENT_API.record.body, { events });
    refuseHastyPromises(site, parsed.events);
    const recorded = await pipeline.record(site, parsed.events, { refuseChangedRepeats: true });
    res.status(200).json({ accepted: recorded.accepted.length, duplicates: recorded.duplicates });
  });

  return router;
}
