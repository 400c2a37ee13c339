/**
 * One visitor's data, on their request (docs/operations.md, "Data retention and erasure"): find
 * the visitor id of a signed-in user of the site, export everything stored of a visitor as
 * JSON, or erase it. Erasing redacts what was written and who they are from the stored facts
 * (shared/redact.ts) and keeps times and structure, so scores do not change (decisions.md). For
 * the admin token, or a console session of one of the site's admins.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { factToWire, ZId } from '../../shared/facts';
import { iso } from '../../shared/time';
import { verifiedVisitorId } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import { apiRoute } from '../openapi/route';
import type { Pipeline } from '../pipeline/pipeline';
import {
  ZVisitorErased,
  ZVisitorExport,
  ZVisitorFound,
  ZVisitorLookup,
} from '../../shared/visitor-data';
import { siteAccess, type AccessDeps } from './caller';
import { parseQuery } from './validate';

const ADMIN = ['adminToken', 'session'] as const;
const VISITOR_PARAMS = z.object({
  siteId: z.string(),
  visitorId: ZId.meta({ description: 'The visitor id, as the console and exports show it.' }),
});

const EXPORT_EXAMPLE = {
  siteId: 'shop',
  visitorId: 'v-3f9c2a',
  exportedAt: '2026-11-23T10:00:00.000Z',
  conversations: [
    {
      id: 'conv-1042',
      status: 'closed',
      lastActivityAt: '2026-11-23T09:58:12.000Z',
      facts: [
        {
          id: 'f1',
          conversationId: 'conv-1042',
          at: '2026-11-23T09:50:00.000Z',
          type: 'conversation.opened',
          visitorId: 'v-3f9c2a',
        },
        {
          id: 'f2',
          conversationId: 'conv-1042',
          at: '2026-11-23T09:50:01.000Z',
          type: 'message',
          from: 'visitor',
          text: 'Where is my order?',
        },
      ],
    },
  ],
} as const;

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const VISITOR_API = {
  find: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/visitors',
    tag: 'Visitor data',
    summary: 'Find a signed-in user',
    description:
      'The visitor id of a user the host page identifies (`userId` with `userHash`), and how many conversations they have: the id to export or erase.',
    auth: ADMIN,
    query: ZVisitorLookup,
    responses: {
      200: {
        description: 'Their visitor id.',
        schema: ZVisitorFound,
        example: { visitorId: 'u-4kq8T0aZ1bX9m2N7pR5sW3', conversations: 2 },
      },
    },
    refusals: { 404: 'No conversation by that id, with a visitor, on this site.' },
  }),
  export: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/visitors/:visitorId/export',
    tag: 'Visitor data',
    summary: "Export a visitor's data",
    description:
      'Every conversation of the visitor with every stored event, as JSON (a download: `Content-Disposition: attachment`).',
    auth: ADMIN,
    params: VISITOR_PARAMS,
    responses: {
      200: { description: "The visitor's data.", schema: ZVisitorExport, example: EXPORT_EXAMPLE },
    },
  }),
  erase: apiRoute({
    method: 'post',
    path: '/api/v1/sites/:siteId/visitors/:visitorId/erase',
    tag: 'Visitor data',
    summary: "Erase a visitor's data",
    description:
      "Redacts what the visitor and the team wrote in the visitor's conversations (messages, promise texts, comments), their contact details and attributes, and the pages of their visit. Times, ratings and chips stay, so scores do not change. It cannot be undone; repeating it does nothing more.",
    auth: ADMIN,
    params: VISITOR_PARAMS,
    responses: {
      200: {
        description: 'What was erased.',
        schema: ZVisitorErased,
        example: { visitorId: 'v-3f9c2a', conversations: ['conv-1042'], facts: 5 },
      },
    },
  }),
};

export interface VisitorRouteDeps extends AccessDeps {
  pipeline: Pipeline;
  clock: Clock;
}

/** The visitor id in the path; a malformed one is nobody's. */
function visitorIdOf(raw: unknown): string {
  const parsed = ZId.safeParse(raw);
  if (!parsed.success) throw new Refusal('not_found', 'No visitor has that id.');
  return parsed.data;
}

export function visitorRoutes(deps: VisitorRouteDeps): Router {
  const { store, pipeline, clock } = deps;
  const router = express.Router();

  router.get(VISITOR_API.find.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const by = parseQuery(VISITOR_API.find.query, req.query);
    let visitorId: string;
    if (by.userId !== undefined) visitorId = verifiedVisitorId(site.id, by.userId);
    else {
      const conversation = await store.getConversation(site.id, by.conversationId ?? '');
      if (!conversation?.visitorId) {
        throw new Refusal('not_found', 'This site has no conversation by that id with a visitor.');
      }
      visitorId = conversation.visitorId;
    }
    const conversations = await store.visitorConversations(site.id, visitorId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ visitorId, conversations: conversations.length });
  });

  router.get(VISITOR_API.export.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const visitorId = visitorIdOf(req.params.visitorId);
    const conversations = await store.visitorConversations(site.id, visitorId);
    const exported = [];
    for (const conversation of conversations) {
      const facts = await store.listFacts(site.id, conversation.id);
      exported.push({
        id: conversation.id,
        status: conversation.status,
        lastActivityAt: iso(conversation.lastActivityAt),
        facts: facts.map(factToWire),
      });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="visitor-${visitorId}.json"`);
    res.json({
      siteId: site.id,
      visitorId,
      exportedAt: iso(clock.now()),
      conversations: exported,
    });
  });

  router.post(VISITOR_API.erase.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const visitorId = visitorIdOf(req.params.visitorId);
    const redaction = await pipeline.redactVisitor(site, visitorId, clock.now());
    res.json({ visitorId, conversations: redaction.conversationIds, facts: redaction.facts });
  });

  return router;
}
