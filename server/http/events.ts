/**
 * `POST /api/v1/sites/:siteId/events`: facts from another helpdesk, through the same pipeline as
 * the built-in chat. A batch is all-or-nothing: one invalid event refuses the whole batch, with
 * every problem listed by index and field, and nothing is stored.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { ZFact, type Fact } from '../../shared/facts';
import { LIMITS } from '../../shared/limits';
import { Refusal } from '../errors';
import type { Pipeline } from '../pipeline/pipeline';
import type { Site, Store } from '../storage/store';
import { authenticateSite } from './site-auth';
import { parseBody } from './validate';

const ZBatch = z.object({
  events: z.array(z.unknown()).min(1, 'send at least one event'),
});

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

export function eventRoutes(store: Store, pipeline: Pipeline): Router {
  const router = express.Router();

  router.post('/api/v1/sites/:siteId/events', async (req, res) => {
    const site = await authenticateSite(req, store);
    const { events } = parseBody(ZBatch, req.body);
    if (events.length > LIMITS.eventsPerBatch) {
      throw new Refusal(
        'too_large',
        `A batch holds at most ${LIMITS.eventsPerBatch} events; this one has ${events.length}. Split it.`,
      );
    }
    const parsed = parseBody(z.object({ events: z.array(ZFact) }), { events });
    refuseHastyPromises(site, parsed.events);
    const recorded = await pipeline.record(site, parsed.events, { refuseChangedRepeats: true });
    res.status(200).json({ accepted: recorded.accepted.length, duplicates: recorded.duplicates });
  });

  return router;
}
