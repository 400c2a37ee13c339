/**
 * `GET /api/v1/sites/:siteId/ratings.csv?from=&to=`: every rated conversation of the site in the
 * window, oldest first, as CSV (shared/csv.ts), for its key or a supervisor's (or admin's)
 * console session. One row per conversation: the rating that counts, or, when none counts, the
 * latest one set aside with its reason in the last column.
 *
 * Streamed: the store is read `EXPORT_PAGE` ratings at a time through its rating index, each
 * page written before the next is read (server/http/stream.ts), so a site of any size exports in
 * constant memory. Pages are separate reads: a rating amended while the file is being written may
 * appear at its new place.
 */
import express, { type Response, type Router } from 'express';
import { CSV_BOM, csvRow, type CsvValue } from '../../shared/csv';
import { iso } from '../../shared/time';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { visitorLabel } from '../live/views';
import type { RatingQuery, Site, Store, StoredRating } from '../storage/store';
import { ZRatingWindow } from './rating-query';
import { supervisorOrSiteKey } from './site-auth';
import { writeChunks } from './stream';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { z } from 'zod';

/** Ratings read, and written, at a time. */
export const EXPORT_PAGE = 500;

export const EXPORT_COLUMNS = [
  'conversation',
  'visitor',
  'segment',
  'agent',
  'agent id',
  'end',
  'peak dimension',
  'peak polarity',
  'comment',
  'rated at',
  'excluded',
] as const;

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const EXPORT_API = {
  ratingsCsv: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/ratings.csv',
    tag: 'Ratings and comments',
    summary: 'Export ratings as CSV',
    description:
      "Every rating in the window (`from` inclusive, `to` exclusive), oldest first, streamed. A cell starting with `=`, `+`, `-` or `@` gets a leading `'`.",
    auth: ['siteKey', 'session'],
    query: ZRatingWindow,
    responses: {
      200: {
        description: 'The ratings, one line each.',
        contentType: 'text/csv',
        schema: z.string(),
        example:
          `${EXPORT_COLUMNS.join(',')}\r\n` +
          'c-1042,Visitor C146,business,Anna Jansen,anna,4,responsiveness,positive,Quick and kind,2026-11-23T09:06:00.000Z,\r\n',
      },
    },
  }),
};

/** One rating's line, in the order of `EXPORT_COLUMNS`. */
function ratingLine(rated: StoredRating, agentNames: ReadonlyMap<string, string>): string {
  const { rating } = rated;
  const agentId = rating.agentId;
  const cells: CsvValue[] = [
    rated.conversationId,
    visitorLabel({ id: rated.conversationId, visitorId: rated.visitorId }),
    rated.segment,
    agentId === null ? null : (agentNames.get(agentId) ?? agentId),
    agentId,
    rating.end,
    rating.peak?.dimension ?? null,
    rating.peak?.polarity ?? null,
    rating.comment,
    iso(rating.at),
    rated.setAside,
  ];
  return csvRow(cells);
}

/** The site's ratings in the window, a page at a time, in rating order (oldest first). */
async function* ratingPages(
  store: Store,
  siteId: string,
  window: Pick<RatingQuery, 'from' | 'to'>,
  first: StoredRating[],
): AsyncGenerator<StoredRating[]> {
  let page = first;
  for (;;) {
    yield page;
    const last = page.at(-1);
    if (page.length < EXPORT_PAGE || !last) return;
    page = await store.listRatings(siteId, {
      ...window,
      order: 'asc',
      after: { at: last.rating.at, conversationId: last.conversationId },
      limit: EXPORT_PAGE,
    });
  }
}

/** `peakend-ratings-<site>-<from>-to-<to>.csv`, days in UTC; "start" without `from`. */
function fileName(site: Site, from: number | undefined, to: number): string {
  const day = (ms: number) => iso(ms).slice(0, 10);
  const siteId = site.id.replace(/[^\w.-]/g, '-');
  return `peakend-ratings-${siteId}-${from === undefined ? 'start' : day(from)}-to-${day(to)}.csv`;
}

export function exportRoutes(store: Store, sessions: Sessions, clock: Clock, log: Logger): Router {
  const router = express.Router();

  router.get(EXPORT_API.ratingsCsv.path, async (req, res: Response) => {
    const site = await supervisorOrSiteKey(req, store, sessions, clock, 'its ratings');
    const query = parseQuery(EXPORT_API.ratingsCsv.query, req.query);
    // Up to now, included, unless asked otherwise: ratings arriving meanwhile wait for the next.
    const to = query.to ?? clock.now() + 1;
    const window = { from: query.from ?? 0, to };
    const agents = await store.listAgents(site.id);
    const agentNames = new Map(agents.map((agent) => [agent.id, agent.name]));
    // The first page before any header: a store that fails now still gets a proper error answer.
    const first = await store.listRatings(site.id, {
      ...window,
      order: 'asc',
      limit: EXPORT_PAGE,
    });

    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${fileName(site, query.from, query.to ?? clock.now())}"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    async function* lines() {
      yield CSV_BOM + csvRow(EXPORT_COLUMNS);
      for await (const page of ratingPages(store, site.id, window, first)) {
        yield page.map((rated) => ratingLine(rated, agentNames)).join('');
      }
    }
    try {
      await writeChunks(res, lines());
    } catch (error) {
      // Past the headers there is no error answer to give: cut the file off, so it is not taken
      // for a whole one.
      log.error('ratings export failed', error);
      res.destroy(error instanceof Error ? error : undefined);
    }
  });

  return router;
}
