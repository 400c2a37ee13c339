/**
 * `GET /api/v1/sites/:siteId/conversations`: the site's conversations, newest activity first, a
 * page at a time, filtered and searched (history-query.ts, docs/api.md). For the site's key, a
 * supervisor's or an admin's console session; an agent's session lists only the agent's own work
 * (storage/history.ts: assigned, answered, closed or rated for them, or evidence of their scores),
 * and naming another agent is refused, as product.md has agents see their own work.
 */
import express, { type Request, type Router } from 'express';
import type { HistoryItem, HistoryPage } from '../../shared/history';
import { excerpt } from '../../shared/search';
import { iso } from '../../shared/time';
import { may } from '../auth/roles';
import type { Sessions } from '../auth/sessions';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import { visitorLabel } from '../live/views';
import type { HistoryEntry, Site, Store } from '../storage/store';
import { existingSite } from './caller';
import { encodeHistoryCursor, historyQuery, ZHistoryQuery } from './history-query';
import { authenticateSite } from './site-auth';
import { parseQuery } from './validate';
import { apiRoute } from '../openapi/route';
import { ZHistoryPage } from '../openapi/views';

/** The route below, as the OpenAPI document describes it (server/openapi/registry.ts). */
export const HISTORY_API = {
  conversations: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/conversations',
    tag: 'Conversations',
    summary: "The site's conversations",
    description:
      'Newest activity first, a page at a time (`next` → `cursor`), searched by whole words (`q`) and filtered by status, agent, rating, comment, segment and time. Agents signed in to the console see their own.',
    auth: ['siteKey', 'session'],
    query: ZHistoryQuery,
    responses: {
      200: {
        description: 'A page of conversations.',
        schema: ZHistoryPage,
        example: {
          conversations: [
            {
              id: 'c-1042',
              visitorLabel: 'Visitor C146',
              segment: 'business',
              status: 'closed',
              assignedAgent: { id: 'anna', name: 'Anna Jansen' },
              openedAt: '2026-11-23T09:00:00.000Z',
              lastActivityAt: '2026-11-23T09:06:00.000Z',
              closedAt: '2026-11-23T09:05:00.000Z',
              rating: {
                end: 4,
                peak: null,
                comment: null,
                at: '2026-11-23T09:06:00.000Z',
                agent: { id: 'anna', name: 'Anna Jansen' },
                excluded: null,
              },
              snippet: null,
            },
          ],
          next: null,
        },
      },
    },
  }),
};

/** Who asks: the site's key or a supervisor (everything), or an agent (their own work). */
async function reader(
  req: Request,
  store: Store,
  sessions: Sessions,
  clock: Clock,
): Promise<{ site: Site; ownerId?: string }> {
  const signedIn = req.headers.authorization ? null : await sessions.signedIn(req.headers.cookie);
  if (!signedIn) return { site: await authenticateSite(req, store, clock) };
  const siteId = String(req.params.siteId);
  const member = await store.memberOf(signedIn.account.id, siteId);
  if (!member) {
    throw new Refusal('forbidden', "Only the site's team may read its conversations here.");
  }
  const site = await existingSite(store, siteId);
  return may(member.role, 'supervise') ? { site } : { site, ownerId: member.id };
}

function historyItem(
  { state, match }: HistoryEntry,
  words: readonly string[],
  agentNames: ReadonlyMap<string, string>,
): HistoryItem {
  const agent = (id: string | null) =>
    id === null ? null : { id, name: agentNames.get(id) ?? id };
  // The rating reports show (storage/ratings.ts): the counting one, else the latest set aside.
  const rating = state.rating ?? state.setAsideRating;
  return {
    id: state.id,
    visitorLabel: visitorLabel(state),
    segment: state.segment ?? null,
    status: state.status,
    assignedAgent: agent(state.assignedAgentId),
    openedAt: iso(state.openedAt),
    lastActivityAt: iso(state.lastActivityAt),
    closedAt: state.status === 'closed' && state.closedAt !== null ? iso(state.closedAt) : null,
    rating: rating && {
      end: rating.end,
      peak: rating.peak,
      comment: rating.comment,
      at: iso(rating.at),
      agent: agent(rating.agentId),
      excluded: state.rating ? null : (state.setAsideRating?.reason ?? null),
    },
    snippet: match ? excerpt(match.text, words) : null,
  };
}

export function historyRoutes(store: Store, sessions: Sessions, clock: Clock): Router {
  const router = express.Router();

  router.get(HISTORY_API.conversations.path, async (req, res) => {
    const { site, ownerId } = await reader(req, store, sessions, clock);
    const params = parseQuery(HISTORY_API.conversations.query, req.query);
    if (ownerId !== undefined && params.agent !== undefined && params.agent !== ownerId) {
      throw new Refusal('forbidden', 'Agents may list only their own conversations.');
    }
    const query = historyQuery(params, ownerId ?? params.agent);
    const [rows, agents] = await Promise.all([
      store.listHistory(site.id, query),
      store.listAgents(site.id),
    ]);
    const agentNames = new Map(agents.map((agent) => [agent.id, agent.name]));
    const page = rows.slice(0, query.limit - 1);
    const last = page.at(-1);
    const body: HistoryPage = {
      conversations: page.map((entry) => historyItem(entry, params.q ?? [], agentNames)),
      next:
        rows.length > page.length && last
          ? encodeHistoryCursor({
              lastActivityAt: last.state.lastActivityAt,
              conversationId: last.state.id,
            })
          : null,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  return router;
}
