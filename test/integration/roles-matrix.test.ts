/**
 * Who may do what: every HTTP route and every socket event (rows) against every kind of caller
 * (columns), one test per cell, against a real server. The expectations are written here from
 * docs/accounts.md and the product brief, never computed from the server's own capability table,
 * so this checks the server rather than repeating it. A route the app serves, or an event a
 * socket listens to, without a row here fails the suite: a new one cannot be left out.
 *
 * Columns (callers):
 *   anon              no credentials at all
 *   agA, supA, admA   signed in: agent, supervisor, admin of site A (and of no other site)
 *   agB, supB, admB   the same of site B
 *   mulA, mulB        one person who is admin of B and agent of A; their console showing A, or B
 *   tok               the admin token (PEAKEND_ADMIN_TOKEN)
 *   keyA, keyB        the site key of A, of B
 *   out               a console session that was signed out
 *   vis               a visitor of A: its visitor token (sent as a bearer token on routes that
 *                     are not the widget's, in the body to the ratings route, in the handshake)
 *
 * Cells:
 *   ok                allowed: 2xx (or the route's redirect), or an ok acknowledgement
 *   ok:A, ok:B        allowed, and what comes back is site A's (B's), nothing of the other's
 *   ok:none, ok:all   allowed, listing no site, every site
 *   401, 403, 404     refused with this HTTP status and its code (unauthorized, forbidden,
 *                     not_found); on sockets and for rating steps, the acknowledgement's error
 *                     code of that status. On /agent, 401 is the handshake's connect_error: the
 *                     socket never connects, so none of its events can be sent. A refusal
 *                     changes nothing, which each row checks.
 *   drop              a typing hint (no acknowledgement) that reaches nobody
 *   none              receives none of those broadcasts
 */
import nodemailer from 'nodemailer';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueVisitorToken, sha256, verifyVisitorToken } from '../../server/auth/tokens';
import type { Ack } from '../../shared/ack';
import type { AgentView, MemberView, NewInviteView, InviteView, Role } from '../../shared/accounts';
import type {
  AgentConversationView,
  LiveScores,
  SignedInAgent,
  VisitorConversationView,
} from '../../shared/protocol';
import type { ChatwootEnabledView, ChatwootIntegrationView } from '../../shared/integrations';
import type { SiteWaiting } from '../../shared/waiting';
import type { NewSiteView, RotatedKey, SiteView } from '../../shared/sites';
import {
  data,
  startServer,
  TEST_ADMIN_TOKEN,
  until,
  type AgentClient,
  type TestServer,
  type VisitorClient,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const MATRIX = `
route or event                                                            | anon | agA     | supA    | admA | agB     | supB    | admB | mulA | mulB | tok    | keyA | keyB | out  | vis
// public pages and bundles
GET /healthz                                                              | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /metrics                                                              | 401  | 401     | 401     | 401  | 401     | 401     | 401  | 401  | 401  | ok     | 401  | 401  | 401  | 401
GET /                                                                     | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /demo                                                                 | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /widget.js                                                            | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /console                                                              | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /console/                                                             | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /console/*path                                                        | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
// the API reference (no credentials needed)
GET /api/v1/openapi.json                                                  | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /docs/api                                                             | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
GET /docs/api/:file                                                       | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
// console sessions
POST /api/v1/session (an agent of A's password)                           | ok:A | ok:A    | ok:A    | ok:A | ok:A    | ok:A    | ok:A | ok:A | ok:A | ok:A   | ok:A | ok:A | ok:A | ok:A
POST /api/v1/session (a wrong password)                                   | 401  | 401     | 401     | 401  | 401     | 401     | 401  | 401  | 401  | 401    | 401  | 401  | 401  | 401
GET /api/v1/session                                                       | 401  | ok:A    | ok:A    | ok:A | ok:B    | ok:B    | ok:B | ok:A | ok:B | 401    | 401  | 401  | 401  | 401
PATCH /api/v1/session (show site A)                                       | 401  | ok:A    | ok:A    | ok:A | 403     | 403     | 403  | ok:A | ok:A | 401    | 401  | 401  | 401  | 401
DELETE /api/v1/session                                                    | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
// invite links: whoever holds the link (its secret in the body, never in the path)
POST /api/v1/invites/lookup (a pending link to A)                         | ok:A | ok:A    | ok:A    | ok:A | ok:A    | ok:A    | ok:A | ok:A | ok:A | ok:A   | ok:A | ok:A | ok:A | ok:A
POST /api/v1/invites/lookup (a used link)                                 | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404 
POST /api/v1/invites/accept (a pending link to A, for someone new)        | ok:A | ok:A    | ok:A    | ok:A | ok:A    | ok:A    | ok:A | ok:A | ok:A | ok:A   | ok:A | ok:A | ok:A | ok:A
POST /api/v1/invites/accept (a used link)                                 | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404 
POST /api/v1/invites/accept (A's link for Vic, who has an account)        | 401  | 403     | 403     | 403  | 403     | 403     | 403  | 403  | 403  | 401    | 401  | 401  | 401  | 401 
// the signed-in person's own account
POST /api/v1/account/password                                             | 401  | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | 401    | 401  | 401  | 401  | 401 
DELETE /api/v1/account/sessions                                           | 401  | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | 401    | 401  | 401  | 401  | 401 
POST /api/v1/account/verification                                         | 401  | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | 401    | 401  | 401  | 401  | 401 
POST /api/v1/account/verify (a link for the caller's own account)         | 401  | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | 401    | 401  | 401  | 401  | 401 
// sites and their teams
GET /api/v1/sites                                                         | 401  | ok:none | ok:none | ok:A | ok:none | ok:none | ok:B | ok:B | ok:B | ok:all | 401  | 401  | 401  | 401
POST /api/v1/sites                                                        | 401  | 403     | 403     | ok   | 403     | 403     | ok   | ok   | ok   | ok     | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId (A)                                             | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId (no such site)                                  | 401  | 403     | 403     | 403  | 403     | 403     | 403  | 403  | 403  | 404    | 401  | 401  | 401  | 401
PATCH /api/v1/sites/:siteId (A)                                           | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/key (A)                                        | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/key/previous (A)                             | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/integrations/chatwoot (A)                       | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/integrations/chatwoot (A)                      | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
PATCH /api/v1/sites/:siteId/integrations/chatwoot (A)                     | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/integrations/chatwoot (A)                    | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
// Chatwoot's deliveries: the URL's token is the credential, whatever else is sent
POST /api/v1/integrations/chatwoot/:token (A's URL)                       | ok:A | ok:A    | ok:A    | ok:A | ok:A    | ok:A    | ok:A | ok:A | ok:A | ok:A   | ok:A | ok:A | ok:A | ok:A
POST /api/v1/integrations/chatwoot/:token (a wrong token)                 | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404
GET /api/v1/sites/:siteId/members (A)                                     | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
PATCH /api/v1/sites/:siteId/members/:agentId (A)                          | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
PATCH /api/v1/sites/:siteId/members/:agentId (A's member, through B)      | 401  | 403     | 403     | 403  | 403     | 403     | 404  | 404  | 404  | 404    | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/members/:agentId (A)                         | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/members/:agentId (A's member, through B)     | 401  | 403     | 403     | 403  | 403     | 403     | 404  | 404  | 404  | 404    | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/agents (A)                                      | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
PUT /api/v1/sites/:siteId/agents/:agentId (A)                             | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/invites (A)                                     | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/invites (A)                                    | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/invites/:inviteId (A)                        | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/invites/:inviteId (A's invite, through B)    | 401  | 403     | 403     | 403  | 403     | 403     | 404  | 404  | 404  | 404    | 401  | 401  | 401  | 401
// outgoing webhooks: the site's admins only; another site's are not found through it
GET /api/v1/sites/:siteId/webhooks (A)                                    | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/webhooks (A)                                   | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/webhooks/:id (A)                                | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/webhooks/:id (A's webhook, through B)           | 401  | 403     | 403     | 403  | 403     | 403     | 404  | 404  | 404  | 404    | 401  | 401  | 401  | 401
PATCH /api/v1/sites/:siteId/webhooks/:id (A)                              | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
PATCH /api/v1/sites/:siteId/webhooks/:id (A's webhook, through B)         | 401  | 403     | 403     | 403  | 403     | 403     | 404  | 404  | 404  | 404    | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/webhooks/:id (A)                             | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
DELETE /api/v1/sites/:siteId/webhooks/:id (A's webhook, through B)        | 401  | 403     | 403     | 403  | 403     | 403     | 404  | 404  | 404  | 404    | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/webhooks/:id/ping (A)                          | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/webhooks/:id/deliveries (A)                     | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/webhooks/:id/deliveries/:deliveryId/resend (A) | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
// one visitor's data: the site's admins and the admin token; another site's never through theirs
GET /api/v1/sites/:siteId/visitors (A, by user id)                        | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/visitors/:visitorId/export (A)                  | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
GET /api/v1/sites/:siteId/visitors/:visitorId/export (A's, through B)     | 401  | 403     | 403     | 403  | 403     | 403     | ok   | ok   | ok   | ok     | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/visitors/:visitorId/erase (A)                  | 401  | 403     | 403     | ok:A | 403     | 403     | 403  | 403  | 403  | ok:A   | 401  | 401  | 401  | 401
POST /api/v1/sites/:siteId/visitors/:visitorId/erase (A's, through B)     | 401  | 403     | 403     | 403  | 403     | 403     | ok   | ok   | ok   | ok     | 401  | 401  | 401  | 401
// scores and events APIs
GET /api/v1/sites/:siteId/scores (A)                                      | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/followups (A)                                   | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
PATCH /api/v1/sites/:siteId/followups/:id (A, no such item)               | 401  | 403     | 404     | 404  | 403     | 403     | 403  | 403  | 403  | 401    | 404  | 403  | 401  | 401
POST /api/v1/sites/:siteId/events (A)                                     | 401  | 401     | 401     | 401  | 401     | 401     | 401  | 401  | 401  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/ratings.csv (A)                                 | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/comments (A)                                    | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/segments (A)                                    | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/trends (A)                                      | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/expectation (A)                                 | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/report (A)                                      | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/conversations (A; agents: their own)           | 401  | ok:A    | ok:A    | ok:A | 403     | 403     | 403  | ok:A | ok:A | 401    | ok:A | 403  | 401  | 401
GET /api/v1/sites/:siteId/conversations (A, naming a colleague)          | 401  | 403     | ok:A    | ok:A | 403     | 403     | 403  | 403  | 403  | 401    | ok:A | 403  | 401  | 401
// the widget's ratings route
OPTIONS /api/v1/sites/:siteId/ratings (from a page of A)                  | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
OPTIONS /api/v1/sites/:siteId/ratings (from another page)                 | 403  | 403     | 403     | 403  | 403     | 403     | 403  | 403  | 403  | 403    | 403  | 403  | 403  | 403
POST /api/v1/sites/:siteId/ratings (the visitor's own ended conversation) | 401  | 401     | 401     | 401  | 401     | 401     | 401  | 401  | 401  | 401    | 401  | 401  | 401  | ok:A
POST /api/v1/sites/:siteId/ratings (another visitor's conversation)       | 401  | 401     | 401     | 401  | 401     | 401     | 401  | 401  | 401  | 401    | 401  | 401  | 401  | 404
// the console's socket (/agent)
agent connect                                                             | 401  | ok:A    | ok:A    | ok:A | ok:B    | ok:B    | ok:B | ok:A | ok:B | 401    | 401  | 401  | 401  | 401
agent broadcasts (A's conversations and scores)                           | 401  | ok      | ok      | ok   | none    | none    | none | ok   | none | 401    | 401  | 401  | 401  | 401
agent inbox:list                                                          | 401  | ok:A    | ok:A    | ok:A | ok:B    | ok:B    | ok:B | ok:A | ok:B | 401    | 401  | 401  | 401  | 401
agent conversation:claim (A's conversation, unassigned)                   | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent conversation:claim (A's, held by a colleague who is online)         | 401  | 403     | ok      | ok   | 404     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent message:send (A's conversation, unassigned)                         | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent message:send (A's, held by a colleague who is online)               | 401  | 403     | ok      | ok   | 404     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent typing (A's conversation)                                           | 401  | ok      | ok      | ok   | drop    | drop    | drop | ok   | drop | 401    | 401  | 401  | 401  | 401
agent promise:make (A's conversation, unassigned)                         | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent promise:make (A's, held by a colleague who is online)               | 401  | 403     | ok      | ok   | 404     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent promise:keep (a colleague's promise, in the conversation they hold) | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent promise:keep (a colleague's promise, in a colleague's conversation) | 401  | 403     | ok      | ok   | 404     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent conversation:close (A's conversation, unassigned)                   | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent conversation:close (A's, held by a colleague)                       | 401  | 403     | ok      | ok   | 404     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent conversation:get (A's, open)                                        | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent conversation:get (A's, the caller's, closed days ago)               | 401  | ok      | ok      | ok   | 404     | 404     | 404  | ok   | 404  | 401    | 401  | 401  | 401  | 401
agent conversation:get (A's, a colleague's, closed days ago)              | 401  | 403     | ok      | ok   | 404     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent scores:get                                                          | 401  | ok:A    | ok:A    | ok:A | ok:B    | ok:B    | ok:B | ok:A | ok:B | 401    | 401  | 401  | 401  | 401
agent scores:breakdown (own)                                              | 401  | ok:A    | ok:A    | ok:A | ok:B    | ok:B    | ok:B | ok:A | ok:B | 401    | 401  | 401  | 401  | 401
agent scores:breakdown (a colleague on A)                                 | 401  | 403     | ok      | ok   | 403     | 404     | 404  | 403  | 404  | 401    | 401  | 401  | 401  | 401
agent followups:list                                                      | 401  | ok:A    | ok:A    | ok:A | ok:B    | ok:B    | ok:B | ok:A | ok:B | 401    | 401  | 401  | 401  | 401
agent followup:update (no such item)                                      | 401  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 401    | 401  | 401  | 401  | 401
agent sites:waiting (counts of the person's other sites)                  | 401  | ok:none | ok:none | ok:none | ok:none | ok:none | ok:none | ok:B | ok:A | 401    | 401  | 401  | 401  | 401
// the widget's socket (/visitor), on A's widget: everyone but vis is a new visitor there
visitor connect (site A)                                                  | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
visitor connect (site B)                                                  | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
visitor hello                                                             | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
visitor message:send                                                      | ok   | ok      | ok      | ok   | ok      | ok      | ok   | ok   | ok   | ok     | ok   | ok   | ok   | ok
visitor typing                                                            | drop | drop    | drop    | drop | drop    | drop    | drop | drop | drop | drop   | drop | drop | drop | ok
visitor conversation:end (another visitor's)                              | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404
visitor conversation:reopen (another visitor's)                           | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404
visitor rating:save (the visitor's own ended conversation)                | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | ok
visitor rating:save (another visitor's conversation)                      | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404
visitor promise:dispute (the visitor's own kept promise)                  | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | ok
visitor promise:dispute (another visitor's kept promise)                  | 404  | 404     | 404     | 404  | 404     | 404     | 404  | 404  | 404  | 404    | 404  | 404  | 404  | 404
visitor broadcasts (another visitor's conversation)                       | none | none    | none    | none | none    | none    | none | none | none | none   | none | none | none | none
`;

const COLUMNS = [
  'anon',
  'agA',
  'supA',
  'admA',
  'agB',
  'supB',
  'admB',
  'mulA',
  'mulB',
  'tok',
  'keyA',
  'keyB',
  'out',
  'vis',
] as const;
type Column = (typeof COLUMNS)[number];

const CELLS = [
  'ok',
  'ok:A',
  'ok:B',
  'ok:none',
  'ok:all',
  '401',
  '403',
  '404',
  'drop',
  'none',
] as const;
type Cell = (typeof CELLS)[number];
const isCell = (text: string): text is Cell => (CELLS as readonly string[]).includes(text);

/** The error code each refusal's status stands for (HTTP and acknowledgements alike). */
const CODE: Partial<Record<Cell, string>> = {
  '401': 'unauthorized',
  '403': 'forbidden',
  '404': 'not_found',
};

interface Row {
  name: string;
  cells: Record<Column, Cell>;
}

function parseMatrix(text: string): Row[] {
  const lines = text
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .map((line) => line.split('|').map((part) => part.trim()));
  const [header, ...rows] = lines;
  if (header?.slice(1).join(' ') !== COLUMNS.join(' ')) {
    throw new Error(`The matrix's columns must be ${COLUMNS.join(', ')}`);
  }
  return rows.map(([name, ...cells]) => {
    if (!name || cells.length !== COLUMNS.length || !cells.every(isCell)) {
      throw new Error(`The matrix row "${name}" needs one of ${CELLS.join(' ')} per column`);
    }
    const row = Object.fromEntries(COLUMNS.map((column, i) => [column, cells[i]]));
    return { name, cells: row as Record<Column, Cell> };
  });
}

const ROWS = parseMatrix(MATRIX);

/** `METHOD /path` of an HTTP row (`GET /api/v1/sites/:siteId (A)`), else null. */
function routeOf(row: string): string | null {
  const match = /^(GET|POST|PATCH|PUT|DELETE|OPTIONS|HEAD) (\S+)/.exec(row);
  return match ? `${match[1]} ${match[2]}` : null;
}
/** The event of a socket row (`agent typing (A's conversation)`), else null. */
function eventOf(row: string, namespace: 'agent' | 'visitor'): string | null {
  const match = new RegExp(`^${namespace} (\\S+)`).exec(row);
  const event = match?.[1];
  return event && event !== 'connect' && event !== 'broadcasts' ? event : null;
}

/** Listeners socket.io and the server add for themselves, not events a client sends. */
const RESERVED = new Set(['disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

const PASSWORD = 'a long enough password';
const ORIGIN_A = 'https://a.example';
const ORIGIN_B = 'https://b.example';
const HOUR = 3_600_000;

type SiteName = 'A' | 'B';

interface Person {
  email: string;
  /** Their agent on each of their sites. */
  agentIds: Partial<Record<SiteName, string>>;
  /** The site their console shows. */
  shows: SiteName;
}

interface Principal {
  column: Column;
  person?: Person;
  cookie?: string;
  bearer?: () => string;
  visitorToken?: string;
}

interface ErrorBody {
  error?: { code: string; message: string };
}
type Body = Record<string, unknown> & ErrorBody;

interface Answer {
  status: number;
  body: Body;
  headers: Headers;
  /** The body as sent (a CSV export is not JSON). */
  text: string;
}

interface HttpCall {
  method: string;
  path: string;
  body?: unknown;
  origin?: string;
  /** Sent with these credentials instead of the column's (a fresh session of the same person). */
  as?: Principal;
}

interface ConsoleClient {
  socket: AgentClient;
  site: SiteName;
  agentId: string;
  conversations: AgentConversationView[];
  scores: LiveScores[];
  typing: { conversationId: string; typing: boolean }[];
  /** Waiting counts of other sites pushed to it. */
  waiting: SiteWaiting[];
}

interface Visitor {
  socket: VisitorClient;
  visitorId: string;
  token: string;
  latest: VisitorConversationView | null;
  conversations: VisitorConversationView[];
  typing: { typing: boolean; agent: { id: string; name: string } }[];
}

type Connection = { ok: true } | { ok: false; code: string | undefined; message: string };

/** Whether a socket connects, or how its handshake was refused. */
function connection(client: AgentClient | VisitorClient): Promise<Connection> {
  const socket = client as unknown as Socket;
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ ok: true }));
    socket.once('connect_error', (error: Error) => {
      const { code } = (error as Error & { data?: { code?: string } }).data ?? {};
      resolve({ ok: false, code, message: error.message });
    });
  });
}

type CellRunner = (principal: Principal, cell: Cell) => Promise<void>;

let serial = 0;
/** A fresh id, email or text for one cell. */
const unique = (prefix: string) => `${prefix}-${++serial}`;

describe.each(await storeKinds())('who may do what (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  const sites = {} as Record<SiteName, { id: string; key: string }>;
  /** A's key before its last rotation with a grace period. */
  let previousKeyA = '';
  const principals = {} as Record<Column, Principal>;
  /** An agent of A with sign-in: the target of team changes and of colleagues' breakdowns. */
  let tess: string;
  /** The link Tess joined with: used. */
  let usedLink: string;
  /** A supervisor of A whose console witnesses what reaches site A. */
  let wes: ConsoleClient;
  let pendingA: { inviteId: string; token: string };
  /** A webhook of site A, and a delivery of it (a ping). */
  let hookA: { id: string; deliveryId: string };
  let pendingB: { inviteId: string };
  /** Visitors of A: `vis` is the first; the second's conversations are "another visitor's". */
  let v1: Visitor;
  let v2: Visitor;
  const conv = { ended: '', open: '', othersEnded: '', othersOpen: '', onB: '' };
  /** A promise of Wes's, kept in time, in each visitor's open conversation. */
  const keptPromise = { open: '', othersOpen: '' };
  const consoles = new Map<Column, ConsoleClient>();
  const open = new Set<{ close(): unknown }>();
  /** What the server emailed (nodemailer's JSON transport, as if SMTP_URL were set). */
  const mailed: { to: string; text: string }[] = [];
  /** Someone with a proven email, on B: A's invites for her join her account. */
  const vic = 'vic@example.test';

  const store = () => server.application.store;
  const operator: Principal = { column: 'tok', bearer: () => TEST_ADMIN_TOKEN };

  // -- clients --------------------------------------------------------------------------------

  const headersOf = (p: Principal | null): Record<string, string> => ({
    ...(p?.cookie && { cookie: p.cookie }),
    ...(p?.bearer && { authorization: `Bearer ${p.bearer()}` }),
  });

  async function call(p: Principal | null, req: HttpCall): Promise<Answer> {
    const response = await fetch(`${server.url}${req.path}`, {
      method: req.method,
      redirect: 'manual',
      headers: {
        ...headersOf(req.as ?? p),
        ...(req.origin && { origin: req.origin }),
        ...(req.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') && text;
    return {
      status: response.status,
      body: (json ? JSON.parse(text) : {}) as Body,
      headers: response.headers,
      text,
    };
  }

  const asOperator = (method: string, path: string, body?: unknown) =>
    call(operator, { method, path, body });
  const chatwootOfA = () => `/api/v1/sites/${sites.A.id}/integrations/chatwoot`;
  /** A visitor's message as Chatwoot delivers it (Message#webhook_data), in conversation `n`. */
  const chatwootMessage = (n: number) => ({
    event: 'message_created',
    id: n,
    content: 'Hello?',
    created_at: new Date().toISOString(),
    message_type: 'incoming',
    private: false,
    sender: { id: 5, name: 'Jo', type: 'contact' },
    account: { id: 1, name: 'Shop' },
    inbox: { id: 2, name: 'Website' },
    conversation: { id: n, inbox_id: 2, messages: [] },
  });
  const cookieOf = (answer: Answer) => answer.headers.get('set-cookie')!.split(';')[0]!;
  const siteOf = (cell: Cell): SiteName => (cell.endsWith(':B') ? 'B' : 'A');
  const otherSite = (site: SiteName): SiteName => (site === 'A' ? 'B' : 'A');
  const bodyAs = <T>(body: unknown) => body as T;

  async function signIn(email: string): Promise<string> {
    const answer = await call(null, {
      method: 'POST',
      path: '/api/v1/session',
      body: { email, password: PASSWORD },
    });
    expect(answer.status).toBe(200);
    return cookieOf(answer);
  }

  /** An invite from the operator, accepted by someone new: a new account, for that site. */
  async function join(site: SiteName, email: string, role: Role) {
    const invite = await asOperator('POST', `/api/v1/sites/${sites[site].id}/invites`, {
      email,
      role,
    });
    expect(invite.status).toBe(201);
    const token = bodyAs<NewInviteView>(invite.body).link.split('#')[1]!;
    const joined = await call(null, {
      method: 'POST',
      path: '/api/v1/invites/accept',
      body: { token, name: email.split('@')[0], password: PASSWORD },
    });
    expect(joined.status).toBe(201);
    return {
      agentId: bodyAs<{ agent: SignedInAgent }>(joined.body).agent.id,
      cookie: cookieOf(joined),
      token,
    };
  }

  /**
   * Someone whose email is proven (the link mailed to them, opened signed in), so that another
   * site's invite joins their account; they accept it signed in. Their session then shows it.
   */
  async function joinSignedIn(site: SiteName, email: string, role: Role, cookie: string) {
    const proven = await call(
      { column: 'anon', cookie },
      { method: 'POST', path: '/api/v1/account/verify', body: { token: mailedSecret(email) } },
    );
    expect(proven.status).toBe(200);
    const invite = await asOperator('POST', `/api/v1/sites/${sites[site].id}/invites`, {
      email,
      role,
    });
    const token = bodyAs<NewInviteView>(invite.body).link.split('#')[1]!;
    const joined = await call(
      { column: 'anon', cookie },
      {
        method: 'POST',
        path: '/api/v1/invites/accept',
        body: { token },
      },
    );
    expect(joined.status).toBe(201);
    return { agentId: bodyAs<{ agent: SignedInAgent }>(joined.body).agent.id };
  }

  /** The secret of the last link that proves an email, mailed to `email`. */
  function mailedSecret(email: string): string {
    const text = mailed.filter((mail) => mail.to === email).at(-1)?.text ?? '';
    const secret = /\/console\/verify#([\w-]+)/.exec(text)?.[1];
    if (!secret) throw new Error(`no link mailed to ${email}`);
    return secret;
  }

  /**
   * A new password, or signing out everywhere, ends other sessions of the account: the columns
   * of that person sign in again (showing what they showed), and their consoles reconnect.
   */
  async function renewSessions(person: Person) {
    for (const column of COLUMNS) {
      const principal = principals[column];
      if (principal.person?.email !== person.email) continue;
      principal.cookie = await signIn(person.email);
      const shown = await call(principal, {
        method: 'PATCH',
        path: '/api/v1/session',
        body: { siteId: sites[principal.person.shows].id },
      });
      expect(shown.status).toBe(200);
      const console = consoles.get(column);
      if (console) {
        console.socket.close();
        consoles.delete(column);
      }
    }
  }

  /** The id of the only account of a column's person. */
  async function accountIdOf(email: string): Promise<string> {
    const [only, ...more] = await store().accountsByEmail(email);
    expect(more).toEqual([]);
    return only!.account.id;
  }

  async function newInvite(site: SiteName): Promise<{ inviteId: string; token: string }> {
    const invite = await asOperator('POST', `/api/v1/sites/${sites[site].id}/invites`, {
      email: `${unique('invitee')}@example.test`,
      role: 'agent',
    });
    expect(invite.status).toBe(201);
    const view = bodyAs<NewInviteView>(invite.body);
    return { inviteId: view.inviteId, token: view.link.split('#')[1]! };
  }

  async function connectConsole(cookie: string, site: SiteName, agentId: string) {
    const socket: AgentClient = io(`${server.url}/agent`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      forceNew: true,
      reconnection: false,
    });
    open.add(socket);
    const console: ConsoleClient = {
      socket,
      site,
      agentId,
      conversations: [],
      scores: [],
      typing: [],
      waiting: [],
    };
    socket.on('site:waiting', (count) => console.waiting.push(count));
    socket.on('conversation', (view) => console.conversations.push(view));
    socket.on('scores', (scores) => console.scores.push(scores));
    socket.on('typing', (typing) => console.typing.push(typing));
    expect(await connection(socket)).toEqual({ ok: true });
    return console;
  }

  /** The column's own console, connected on first use and kept (its broadcasts are logged). */
  async function consoleOf(p: Principal): Promise<ConsoleClient> {
    const known = consoles.get(p.column);
    if (known) return known;
    const { person, cookie } = p;
    if (!person || !cookie) throw new Error(`${p.column} has no console`);
    const console = await connectConsole(cookie, person.shows, person.agentIds[person.shows]!);
    consoles.set(p.column, console);
    return console;
  }

  /** The column's credentials open no console: the handshake says unauthorized. */
  async function expectNoConsole(p: Principal): Promise<void> {
    const socket: AgentClient = io(`${server.url}/agent`, {
      transports: ['websocket'],
      extraHeaders: headersOf(p),
      auth: p.visitorToken ? { visitorToken: p.visitorToken } : {},
      forceNew: true,
      reconnection: false,
    });
    try {
      expect(await connection(socket)).toEqual({
        ok: false,
        code: 'unauthorized',
        message: 'unauthorized',
      });
    } finally {
      socket.close();
    }
  }

  async function connectVisitor(
    auth: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<Visitor> {
    const socket: VisitorClient = io(`${server.url}/visitor`, {
      transports: ['websocket'],
      auth,
      extraHeaders: headers,
      forceNew: true,
      reconnection: false,
    });
    open.add(socket);
    const conversations: VisitorConversationView[] = [];
    const typing: Visitor['typing'] = [];
    socket.on('conversation', (view) => conversations.push(view));
    socket.on('typing', (hint) => typing.push(hint));
    expect(await connection(socket)).toEqual({ ok: true });
    const hello = data(await socket.emitWithAck('hello', {}));
    return {
      socket,
      visitorId: hello.visitorId,
      token: hello.visitorToken,
      latest: hello.conversation,
      conversations,
      typing,
    };
  }

  /** The column on A's widget: `vis` is the first visitor, anyone else a new visitor. */
  async function visitorOf(p: Principal): Promise<Visitor> {
    if (p.column === 'vis') return v1;
    return connectVisitor({ siteId: sites.A.id }, headersOf(p));
  }
  const done = (visitor: Visitor) => {
    if (visitor !== v1) {
      visitor.socket.close();
      open.delete(visitor.socket);
    }
  };

  /** Events from A's (or B's) own server, with its current key. */
  async function postEvents(site: SiteName, events: Record<string, unknown>[]) {
    const at = new Date(Date.now() - 1000).toISOString();
    const answer = await call(
      { column: site === 'A' ? 'keyA' : 'keyB', bearer: () => sites[site].key },
      {
        method: 'POST',
        path: `/api/v1/sites/${sites[site].id}/events`,
        body: { events: events.map((event) => ({ id: unique('event'), at, ...event })) },
      },
    );
    expect(answer.status).toBe(200);
  }

  /** A rated conversation with a comment on each site; the comments, as markers. */
  async function ratedOnBoth(): Promise<Context> {
    const ctx = { onA: unique('comment-on-a'), onB: unique('comment-on-b') };
    for (const site of ['A', 'B'] as const) {
      await postEvents(site, [
        {
          type: 'rating',
          conversationId: unique('rated'),
          end: 2,
          comment: site === 'A' ? ctx.onA : ctx.onB,
        },
      ]);
    }
    return ctx;
  }

  /** A visitor of A with a conversation holding a message; its ids and the message, as markers. */
  async function visitorWithText(): Promise<Context> {
    const ctx = {
      visitor: unique('erasable'),
      conversation: unique('erasable-chat'),
      text: unique('private-words'),
    };
    await postEvents('A', [
      { type: 'conversation.opened', conversationId: ctx.conversation, visitorId: ctx.visitor },
      { type: 'message', conversationId: ctx.conversation, from: 'visitor', text: ctx.text },
    ]);
    return ctx;
  }

  // -- what the store says, to check that a refusal changed nothing ----------------------------

  const conversation = (site: SiteName, id: string) => store().getConversation(sites[site].id, id);
  const ownerOf = async (id: string) => (await conversation('A', id))?.visitorId;
  /** The first visitor's latest conversation, open (a rating of an ended one makes that one the
   * latest: a message then opens another). */
  const openConversationOfV1 = async () => {
    const latest = await store().latestConversationOf(sites.A.id, v1.visitorId);
    if (latest?.status === 'open') return latest.id;
    return data(await v1.socket.emitWithAck('message:send', { text: 'Still there?' })).id;
  };
  const factCount = async (site: SiteName, id: string) =>
    (await store().listFacts(sites[site].id, id)).length;
  const agentIdsOf = async (site: SiteName) =>
    (await store().listAgents(sites[site].id)).map((agent) => agent.id);
  const siteAsOperator = async (site: string) =>
    (await asOperator('GET', `/api/v1/sites/${site}`)).body;
  const memberAsOperator = async (agentId: string) =>
    bodyAs<{ members: MemberView[] }>(
      (await asOperator('GET', `/api/v1/sites/${sites.A.id}/members`)).body,
    ).members.find((member) => member.agentId === agentId);
  const newWebhook = async (site: SiteName) => {
    const made = await asOperator('POST', `/api/v1/sites/${sites[site].id}/webhooks`, {
      url: 'http://127.0.0.1:9/hooks',
      events: ['rating.saved'],
    });
    expect(made.status).toBe(201);
    return bodyAs<{ id: string }>(made.body).id;
  };
  const webhooksOfA = async () =>
    bodyAs<{ webhooks: { id: string; url: string; enabled: boolean }[] }>(
      (await asOperator('GET', `/api/v1/sites/${sites.A.id}/webhooks`)).body,
    ).webhooks;
  const invitesOfA = async () =>
    bodyAs<{ invites: InviteView[] }>(
      (await asOperator('GET', `/api/v1/sites/${sites.A.id}/invites`)).body,
    )
      .invites.map((invite) => invite.inviteId)
      .sort();

  // -- the shape of a cell ---------------------------------------------------------------------

  type Context = Record<string, string>;

  /**
   * An HTTP cell: allowed, the answer is 2xx (or the route's redirect) and `allowed` checks it;
   * refused, the status and code are exact and `snapshot` reads the same before and after.
   */
  function http(spec: {
    prepare?(p: Principal, cell: Cell): Promise<Context>;
    request(ctx: Context, p: Principal): HttpCall;
    allowed(answer: Answer, p: Principal, cell: Cell, ctx: Context): Promise<void> | void;
    snapshot?(ctx: Context): Promise<unknown>;
    refused?(answer: Answer, p: Principal, cell: Cell): Promise<void> | void;
  }): CellRunner {
    return async (p, cell) => {
      const ctx = (await spec.prepare?.(p, cell)) ?? {};
      const req = spec.request(ctx, p);
      const before = await spec.snapshot?.(ctx);
      const answer = await call(p, req);
      if (cell.startsWith('ok')) {
        expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(200);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(400);
        await spec.allowed(answer, p, cell, ctx);
        return;
      }
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({
        status: Number(cell),
        code: CODE[cell],
      });
      if (spec.snapshot) expect(await spec.snapshot(ctx)).toEqual(before);
      await spec.refused?.(answer, p, cell);
    };
  }

  /** A socket event of the console: 401 cells cannot even connect. */
  function agentEvent<T>(spec: {
    prepare?(console: ConsoleClient): Promise<Context>;
    act(console: ConsoleClient, ctx: Context): Promise<Ack<T>>;
    allowed(data: T, console: ConsoleClient, cell: Cell, ctx: Context): Promise<void> | void;
    snapshot?(ctx: Context): Promise<unknown>;
  }): CellRunner {
    return async (p, cell) => {
      if (cell === '401') return expectNoConsole(p);
      const console = await consoleOf(p);
      const ctx = (await spec.prepare?.(console)) ?? {};
      const before = await spec.snapshot?.(ctx);
      const ack = await spec.act(console, ctx);
      if (cell.startsWith('ok')) {
        expect(ack.ok, JSON.stringify(ack)).toBe(true);
        if (ack.ok) await spec.allowed(ack.data, console, cell, ctx);
        return;
      }
      expect(ack).toMatchObject({ ok: false, error: { code: CODE[cell] } });
      if (spec.snapshot) expect(await spec.snapshot(ctx)).toEqual(before);
    };
  }

  /** A socket event of A's widget. */
  function visitorEvent<T>(spec: {
    act(visitor: Visitor): Promise<Ack<T>>;
    allowed(data: T, visitor: Visitor, p: Principal): Promise<void> | void;
    snapshot(): Promise<unknown>;
  }): CellRunner {
    return async (p, cell) => {
      const visitor = await visitorOf(p);
      try {
        const before = await spec.snapshot();
        const ack = await spec.act(visitor);
        if (cell === 'ok') {
          expect(ack.ok, JSON.stringify(ack)).toBe(true);
          if (ack.ok) await spec.allowed(ack.data, visitor, p);
          return;
        }
        expect(ack).toMatchObject({ ok: false, error: { code: CODE[cell] } });
        expect(await spec.snapshot()).toEqual(before);
      } finally {
        done(visitor);
      }
    };
  }

  /** A rating step sent to the widget's HTTP route, with the column's visitor token if any. */
  function ratingDelivery(target: () => string): CellRunner {
    return async (p, cell) => {
      const conversationId = target();
      const before = (await conversation('A', conversationId))?.rating ?? null;
      const end = ((before?.end ?? 0) % 5) + 1;
      const answer = await call(p, {
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/ratings`,
        body: {
          ...(p.visitorToken && { visitorToken: p.visitorToken }),
          ratings: [{ conversationId, key: unique('key'), end }],
        },
      });
      // The delivery is answered; each step says whether it was saved.
      expect(answer.status).toBe(200);
      const [result] = bodyAs<{ results: Ack<{ end: number }>[] }>(answer.body).results;
      const after = (await conversation('A', conversationId))?.rating ?? null;
      if (cell.startsWith('ok')) {
        expect(result).toMatchObject({ ok: true, data: { end } });
        expect(after?.end).toBe(end);
      } else {
        expect(result).toMatchObject({ ok: false, error: { code: CODE[cell] } });
        expect(after).toEqual(before);
      }
    };
  }

  /** A chat on A (a visitor wrote in it), held by `holder` (null: nobody), for one cell. */
  async function chatOfA(holder: string | null): Promise<Context> {
    const conversationId = unique('a-chat');
    await postEvents('A', [
      { type: 'conversation.opened', conversationId },
      { type: 'message', conversationId, from: 'visitor', text: 'Hello?' },
      ...(holder === null
        ? []
        : [{ type: 'conversation.assigned', conversationId, agentId: holder }]),
    ]);
    return { conversationId };
  }

  /** A chat on A held by `holder`, closed three days ago: out of the inbox, in the history. */
  async function pastChatOfA(holder: string): Promise<Context> {
    const conversationId = unique('a-past');
    const at = (minutes: number) => new Date(Date.now() - 3 * 86_400_000 + minutes * 60_000);
    const answer = await call(
      { column: 'keyA', bearer: () => sites.A.key },
      {
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/events`,
        body: {
          events: [
            { type: 'message', from: 'visitor', text: 'Hello?' },
            { type: 'conversation.assigned', agentId: holder },
            { type: 'conversation.closed', agentId: holder },
          ].map((event, i) => ({
            id: unique('event'),
            conversationId,
            at: at(i).toISOString(),
            ...event,
          })),
        },
      },
    );
    expect(answer.status).toBe(200);
    return { conversationId };
  }

  /** The agent id of a column's person on A. */
  const agentOfA = (column: 'agA') => principals[column].person!.agentIds.A;

  /** Marking Wes's pending promise kept, in a chat on A held by `holderOf(caller)`. */
  function keepCase(holderOf: (c: ConsoleClient) => string): CellRunner {
    return agentEvent({
      prepare: async (c) => {
        const { conversationId } = await chatOfA(holderOf(c));
        // Wes's promise, made before the chat came to its holder (events, as a helpdesk sends).
        const promiseId = unique('kept');
        await postEvents('A', [
          {
            type: 'promise.made',
            conversationId,
            promiseId,
            agentId: wes.agentId,
            text: promiseId,
            dueAt: new Date(Date.now() + HOUR).toISOString(),
          },
        ]);
        return { conversationId: conversationId!, promiseId };
      },
      act: (c, ctx) =>
        c.socket.emitWithAck('promise:keep', {
          conversationId: ctx.conversationId!,
          promiseId: ctx.promiseId!,
        }),
      snapshot: async (ctx) =>
        (await conversation('A', ctx.conversationId!))?.promises.find(
          (p) => p.promiseId === ctx.promiseId,
        ),
      allowed: (view, c, _cell, ctx) => {
        const promise = view.promises.find((p) => p.id === ctx.promiseId);
        expect(promise?.keptAt).not.toBeNull();
        // The keep names who marked it, for the conversation's timeline.
        expect(view.timeline.at(-1)).toMatchObject({
          kind: 'promise-kept',
          promiseId: ctx.promiseId,
          agent: { id: c.agentId },
        });
      },
    });
  }

  /** Refusals of the admin routes of site A leave site A as it was. */
  const siteUnchanged = () => siteAsOperator(sites.A.id);

  /**
   * A's key that `v1` and `v2` were vouched for under was revoked: their tokens are refused and
   * their sockets ended. The matrix keeps its visitors, with tokens under A's current key.
   */
  async function visitorsRevoked() {
    const siteA = (await store().getSite(sites.A.id))!;
    const secret = await store().secret('visitor-token');
    expect(verifyVisitorToken(secret, siteA, v1.token, Date.now())).toBeNull();
    expect(verifyVisitorToken(secret, siteA, v2.token, Date.now())).toBeNull();
    await vi.waitFor(() => expect(v1.socket.connected).toBe(false));
    open.delete(v1.socket);
    await vi.waitFor(() => expect(v2.socket.connected).toBe(false));
    open.delete(v2.socket);
    const again = async (visitor: Visitor) => {
      const token = issueVisitorToken(secret, siteA, Date.now(), visitor.visitorId).token;
      const back = await connectVisitor({ siteId: sites.A.id, visitorToken: token });
      expect(back.visitorId).toBe(visitor.visitorId);
      return back;
    };
    v1 = await again(v1);
    v2 = await again(v2);
    principals.vis.visitorToken = v1.token;
  }

  // -- the cases, one per row ------------------------------------------------------------------

  const get = (path: string) => () => ({ method: 'GET', path });
  const scoresOfA = () => `/api/v1/sites/${sites.A.id}/scores`;
  const ratingsOfA = () => `/api/v1/sites/${sites.A.id}/ratings`;

  const CASES: Record<string, CellRunner> = {
    'GET /healthz': http({
      request: get('/healthz'),
      allowed: (a) => expect(a).toMatchObject({ status: 200, body: { status: 'ok' } }),
    }),
    'GET /metrics': http({
      request: get('/metrics'),
      allowed: (a) => expect(a.headers.get('content-type')).toMatch(/^text\/plain/),
    }),
    'GET /': http({
      request: get('/'),
      allowed: (a) => {
        expect(a.status).toBe(302);
        expect(a.headers.get('location')).toBe('/demo');
      },
    }),
    'GET /demo': http({
      request: get('/demo'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/^text\/html/);
      },
    }),
    'GET /widget.js': http({
      request: get('/widget.js'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/javascript/);
      },
    }),
    'GET /console': http({
      request: get('/console'),
      allowed: (a) => {
        expect(a.status).toBe(301);
        expect(a.headers.get('location')).toBe('/console/');
      },
    }),
    'GET /console/': http({
      request: get('/console/'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/^text\/html/);
      },
    }),
    'GET /console/*path': http({
      request: get('/console/join'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/^text\/html/);
      },
    }),
    'GET /api/v1/openapi.json': http({
      request: get('/api/v1/openapi.json'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.body).toMatchObject({ openapi: '3.1.0' });
      },
    }),
    'GET /docs/api': http({
      request: get('/docs/api'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/^text\/html/);
      },
    }),
    'GET /docs/api/:file': http({
      request: get('/docs/api/start.js'),
      allowed: (a) => {
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/javascript/);
      },
    }),

    // -- sessions

    "POST /api/v1/session (an agent of A's password)": http({
      request: () => ({
        method: 'POST',
        path: '/api/v1/session',
        body: { email: principals.agA.person!.email, password: PASSWORD },
      }),
      allowed: (a, _p, cell) => {
        expect(a.status).toBe(200);
        expect(bodyAs<{ agent: SignedInAgent }>(a.body).agent).toMatchObject({
          id: principals.agA.person!.agentIds.A,
          siteId: sites[siteOf(cell)].id,
        });
        expect(a.headers.get('set-cookie')).toMatch(/^peakend_session=[\w-]+;/);
      },
    }),
    'POST /api/v1/session (a wrong password)': http({
      request: () => ({
        method: 'POST',
        path: '/api/v1/session',
        body: { email: principals.admA.person!.email, password: 'not the password at all' },
      }),
      allowed: () => undefined,
      refused: (a) => expect(a.headers.get('set-cookie')).toBeNull(),
    }),
    'GET /api/v1/session': http({
      request: get('/api/v1/session'),
      allowed: (a, p, cell) => {
        const site = siteOf(cell);
        expect(bodyAs<{ agent: SignedInAgent }>(a.body).agent).toMatchObject({
          id: p.person!.agentIds[site],
          siteId: sites[site].id,
        });
      },
    }),
    'PATCH /api/v1/session (show site A)': http({
      request: () => ({ method: 'PATCH', path: '/api/v1/session', body: { siteId: sites.A.id } }),
      allowed: async (a, p) => {
        try {
          expect(bodyAs<{ agent: SignedInAgent }>(a.body).agent).toMatchObject({
            id: p.person!.agentIds.A,
            siteId: sites.A.id,
          });
        } finally {
          // Back to the site the column's console shows.
          if (p.person!.shows !== 'A') {
            const back = await call(p, {
              method: 'PATCH',
              path: '/api/v1/session',
              body: { siteId: sites[p.person!.shows].id },
            });
            expect(back.status).toBe(200);
          }
        }
      },
      // The session still shows what it showed.
      refused: async (_a, p) => {
        const now = await call(p, { method: 'GET', path: '/api/v1/session' });
        if (p.person) {
          expect(bodyAs<{ agent: SignedInAgent }>(now.body).agent.siteId).toBe(
            sites[p.person.shows].id,
          );
        } else expect(now.status).toBe(401);
      },
    }),
    'DELETE /api/v1/session': http({
      // A person signs out a session of their own made for this cell, keeping the column's.
      prepare: async (p): Promise<Context> =>
        p.person ? { cookie: await signIn(p.person.email) } : {},
      request: (ctx, p) => ({
        method: 'DELETE',
        path: '/api/v1/session',
        ...(ctx.cookie && { as: { column: p.column, cookie: ctx.cookie } }),
      }),
      allowed: async (a, p, _cell, ctx) => {
        expect(a.status).toBe(204);
        expect(a.headers.get('set-cookie')).toMatch(/^peakend_session=; Max-Age=0;/);
        if (ctx.cookie) {
          const ended = { column: p.column, cookie: ctx.cookie };
          expect((await call(ended, { method: 'GET', path: '/api/v1/session' })).status).toBe(401);
          expect((await call(p, { method: 'GET', path: '/api/v1/session' })).status).toBe(200);
        }
      },
    }),

    // -- invite links

    'POST /api/v1/invites/lookup (a pending link to A)': http({
      request: () => ({
        method: 'POST',
        path: '/api/v1/invites/lookup',
        body: { token: pendingA.token },
      }),
      allowed: (a) =>
        expect(a.body).toMatchObject({
          siteName: 'Site A',
          email: 'pending@a.test',
          role: 'agent',
        }),
    }),
    'POST /api/v1/invites/lookup (a used link)': http({
      request: () => ({
        method: 'POST',
        path: '/api/v1/invites/lookup',
        body: { token: usedLink },
      }),
      allowed: () => undefined,
    }),
    'POST /api/v1/invites/accept (a pending link to A, for someone new)': http({
      prepare: async () => newInvite('A'),
      request: (ctx) => ({
        method: 'POST',
        path: '/api/v1/invites/accept',
        body: { token: ctx.token, name: 'Newcomer', password: PASSWORD },
      }),
      allowed: async (a) => {
        expect(a.status).toBe(201);
        const { agent } = bodyAs<{ agent: SignedInAgent }>(a.body);
        expect(agent).toMatchObject({ siteId: sites.A.id, role: 'agent', name: 'Newcomer' });
        expect(agent.sites.map((s) => s.siteId)).toEqual([sites.A.id]);
      },
    }),
    'POST /api/v1/invites/accept (a used link)': http({
      request: () => ({
        method: 'POST',
        path: '/api/v1/invites/accept',
        body: { token: usedLink, name: 'Latecomer', password: PASSWORD },
      }),
      snapshot: () => agentIdsOf('A'),
      allowed: () => undefined,
    }),
    // Only Vic, signed in, may accept it; no password is ever taken for her account.
    "POST /api/v1/invites/accept (A's link for Vic, who has an account)": http({
      prepare: async () => {
        const invite = await asOperator('POST', `/api/v1/sites/${sites.A.id}/invites`, {
          email: vic,
          role: 'agent',
        });
        return { token: bodyAs<NewInviteView>(invite.body).link.split('#')[1]! };
      },
      request: (ctx) => ({
        method: 'POST',
        path: '/api/v1/invites/accept',
        body: { token: ctx.token, password: PASSWORD },
      }),
      snapshot: () => agentIdsOf('A'),
      allowed: () => undefined,
      refused: (a) => expect(a.headers.get('set-cookie')).toBeNull(),
    }),

    // -- the signed-in person's own account

    'POST /api/v1/account/password': http({
      request: () => ({
        method: 'POST',
        path: '/api/v1/account/password',
        body: { currentPassword: PASSWORD, newPassword: PASSWORD },
      }),
      allowed: async (a, p) => {
        expect(a.status).toBe(204);
        // The session that changed it stays; the person's others end.
        expect((await call(p, { method: 'GET', path: '/api/v1/session' })).status).toBe(200);
        await renewSessions(p.person!);
      },
    }),
    'DELETE /api/v1/account/sessions': http({
      request: () => ({ method: 'DELETE', path: '/api/v1/account/sessions' }),
      allowed: async (a, p) => {
        expect(a.status).toBe(204);
        expect((await call(p, { method: 'GET', path: '/api/v1/session' })).status).toBe(401);
        await renewSessions(p.person!);
      },
    }),
    'POST /api/v1/account/verification': http({
      request: () => ({ method: 'POST', path: '/api/v1/account/verification' }),
      allowed: (a) => expect(a.status).toBe(204),
    }),
    "POST /api/v1/account/verify (a link for the caller's own account)": http({
      prepare: async (p) => {
        const token = `a-link-to-prove-an-email-${unique('link')}`;
        await store().createVerification({
          tokenHash: sha256(token),
          accountId: await accountIdOf(p.person?.email ?? principals.agA.person!.email),
          expiresAt: Date.now() + HOUR,
        });
        return { token };
      },
      request: (ctx) => ({
        method: 'POST',
        path: '/api/v1/account/verify',
        body: { token: ctx.token },
      }),
      allowed: (a, p) =>
        expect(bodyAs<{ agent: SignedInAgent }>(a.body).agent.email).toBe(p.person!.email),
    }),

    // -- sites

    'GET /api/v1/sites': http({
      request: get('/api/v1/sites'),
      allowed: (a, _p, cell) => {
        const listed = bodyAs<{ sites: SiteView[] }>(a.body).sites;
        const ids = listed.map((site) => site.siteId);
        for (const site of listed) expect(site).not.toHaveProperty('key');
        if (cell === 'ok:none') expect(ids).toEqual([]);
        else if (cell === 'ok:all')
          expect(ids).toEqual(expect.arrayContaining([sites.A.id, sites.B.id, 'demo']));
        else {
          expect(ids).toContain(sites[siteOf(cell)].id);
          expect(ids).not.toContain(sites[otherSite(siteOf(cell))].id);
        }
      },
    }),
    'POST /api/v1/sites': http({
      request: (_ctx, p) => ({
        method: 'POST',
        path: '/api/v1/sites',
        body: { name: `New site of ${p.column}`, allowedOrigins: [] },
      }),
      snapshot: async () =>
        bodyAs<{ sites: SiteView[] }>((await asOperator('GET', '/api/v1/sites')).body).sites.length,
      allowed: async (a, p) => {
        expect(a.status).toBe(201);
        const created = bodyAs<NewSiteView>(a.body);
        expect(created.key).toMatch(/^pk_/);
        // Whoever creates a site with their session administers it.
        if (p.person) {
          const own = await call(p, { method: 'GET', path: `/api/v1/sites/${created.siteId}` });
          expect(own.status).toBe(200);
        }
      },
    }),
    'GET /api/v1/sites/:siteId (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}` }),
      allowed: (a) => {
        expect(a.body).toMatchObject({ siteId: sites.A.id, allowedOrigins: [ORIGIN_A] });
        expect(a.body).not.toHaveProperty('key');
      },
    }),
    'GET /api/v1/sites/:siteId (no such site)': http({
      request: () => ({ method: 'GET', path: '/api/v1/sites/site_nothere' }),
      allowed: () => undefined,
      // Someone not on A learns nothing of it: the same answer whether a site exists or not.
      refused: async (a, p) => {
        if (p.person && !p.person.agentIds.A) {
          const real = await call(p, { method: 'GET', path: `/api/v1/sites/${sites.A.id}` });
          expect(a.body).toEqual(real.body);
        }
      },
    }),
    'PATCH /api/v1/sites/:siteId (A)': http({
      prepare: async () => ({ before: JSON.stringify(await siteUnchanged()) }),
      request: (_ctx, p) => ({
        method: 'PATCH',
        path: `/api/v1/sites/${sites.A.id}`,
        body: {
          name: `Renamed by ${p.column}`,
          allowedOrigins: ['https://attacker.example'],
          settings: { targetReplySeconds: 1 },
        },
      }),
      snapshot: siteUnchanged,
      allowed: async (a, p, _cell, ctx) => {
        expect(a.body).toMatchObject({
          siteId: sites.A.id,
          name: `Renamed by ${p.column}`,
          allowedOrigins: ['https://attacker.example'],
        });
        const before = bodyAs<SiteView>(JSON.parse(ctx.before!));
        const restored = await asOperator('PATCH', `/api/v1/sites/${sites.A.id}`, {
          name: before.name,
          allowedOrigins: before.allowedOrigins,
          settings: before.settings,
        });
        expect(restored.body).toEqual(before);
      },
    }),
    'POST /api/v1/sites/:siteId/key (A)': http({
      request: () => ({ method: 'POST', path: `/api/v1/sites/${sites.A.id}/key` }),
      // The key in use still works.
      snapshot: async () => ({
        site: await siteUnchanged(),
        scores: (await call(principals.keyA, { method: 'GET', path: scoresOfA() })).status,
      }),
      allowed: async (a) => {
        const old = sites.A.key;
        const rotated = bodyAs<RotatedKey>(a.body);
        expect(rotated).toMatchObject({ siteId: sites.A.id, key: expect.stringMatching(/^pk_/) });
        sites.A.key = rotated.key;
        const withOld = await call(
          { column: 'keyA', bearer: () => old },
          { method: 'GET', path: scoresOfA() },
        );
        expect(withOld.status).toBe(401);
        expect((await call(principals.keyA, { method: 'GET', path: scoresOfA() })).status).toBe(
          200,
        );
        // The rotation revoked every visitor token issued before it (auth/tokens.ts): `vis`'s
        // is refused now, and the sockets connected with those tokens ended.
        await visitorsRevoked();
      },
    }),
    'DELETE /api/v1/sites/:siteId/key/previous (A)': http({
      // A grace period runs: A's key is rotated with one whenever none runs.
      prepare: async () => {
        if (bodyAs<SiteView>(await siteUnchanged()).previousKeyUntil === null) {
          const rotated = await asOperator('POST', `/api/v1/sites/${sites.A.id}/key`, {
            graceHours: 1,
          });
          expect(rotated.status).toBe(200);
          previousKeyA = sites.A.key;
          sites.A.key = bodyAs<RotatedKey>(rotated.body).key;
        }
        return {};
      },
      request: () => ({ method: 'DELETE', path: `/api/v1/sites/${sites.A.id}/key/previous` }),
      // The previous key still works: the grace period runs on.
      snapshot: async () => ({
        site: await siteUnchanged(),
        previous: (
          await call(
            { column: 'keyA', bearer: () => previousKeyA },
            { method: 'GET', path: scoresOfA() },
          )
        ).status,
      }),
      allowed: async (a) => {
        expect(a.body).toMatchObject({ siteId: sites.A.id, previousKeyUntil: null });
        expect(a.body).not.toHaveProperty('key');
        const withPrevious = await call(
          { column: 'keyA', bearer: () => previousKeyA },
          { method: 'GET', path: scoresOfA() },
        );
        expect(withPrevious.status).toBe(401);
        expect((await call(principals.keyA, { method: 'GET', path: scoresOfA() })).status).toBe(
          200,
        );
        // The visitors connected before the rotation were vouched for under the previous key:
        // their tokens went with it, and their sockets ended.
        await visitorsRevoked();
      },
    }),
    'GET /api/v1/sites/:siteId/integrations/chatwoot (A)': http({
      request: () => ({ method: 'GET', path: chatwootOfA() }),
      allowed: (a) => {
        expect(a.body).toMatchObject({ events: expect.arrayContaining(['message_created']) });
        expect(a.body).not.toHaveProperty('url');
      },
    }),
    'POST /api/v1/sites/:siteId/integrations/chatwoot (A)': http({
      request: () => ({ method: 'POST', path: chatwootOfA() }),
      snapshot: async () =>
        (await store().getIntegration(sites.A.id, 'chatwoot'))?.tokenHash ?? null,
      allowed: (a) => {
        expect(a.status).toBe(201);
        expect(bodyAs<ChatwootEnabledView>(a.body).url).toMatch(
          /\/api\/v1\/integrations\/chatwoot\//,
        );
      },
    }),
    'PATCH /api/v1/sites/:siteId/integrations/chatwoot (A)': http({
      prepare: async () => {
        await asOperator('POST', chatwootOfA(), { secret: null });
        return {};
      },
      request: () => ({
        method: 'PATCH',
        path: chatwootOfA(),
        body: { secret: 'cw-matrix-secret' },
      }),
      snapshot: async () => (await store().getIntegration(sites.A.id, 'chatwoot'))?.secret ?? null,
      allowed: async (a) => {
        expect(bodyAs<ChatwootIntegrationView>(a.body).secretSet).toBe(true);
        await asOperator('PATCH', chatwootOfA(), { secret: null });
      },
    }),
    'DELETE /api/v1/sites/:siteId/integrations/chatwoot (A)': http({
      prepare: async () => {
        await asOperator('POST', chatwootOfA());
        return {};
      },
      request: () => ({ method: 'DELETE', path: chatwootOfA() }),
      snapshot: async () => (await store().getIntegration(sites.A.id, 'chatwoot')) !== null,
      allowed: async (a) => {
        expect(bodyAs<ChatwootIntegrationView>(a.body).enabled).toBe(false);
        expect(await store().getIntegration(sites.A.id, 'chatwoot')).toBeNull();
      },
    }),
    "POST /api/v1/integrations/chatwoot/:token (A's URL)": http({
      prepare: async () => {
        const enabled = await asOperator('POST', chatwootOfA());
        const url = new URL(bodyAs<ChatwootEnabledView>(enabled.body).url);
        return { path: url.pathname, message: String(++serial) };
      },
      request: (ctx) => ({
        method: 'POST',
        path: ctx.path!,
        body: chatwootMessage(Number(ctx.message)),
      }),
      allowed: async (a, _p, _cell, ctx) => {
        expect(a.body).toMatchObject({ accepted: 1 });
        const id = `cw.1.2.${ctx.message}`;
        expect(await store().listFacts(sites.A.id, id)).toHaveLength(1);
        expect(await store().listFacts(sites.B.id, id)).toEqual([]);
      },
    }),
    'POST /api/v1/integrations/chatwoot/:token (a wrong token)': http({
      prepare: async () => ({ message: String(++serial) }),
      request: (ctx) => ({
        method: 'POST',
        path: `/api/v1/integrations/chatwoot/${'A'.repeat(43)}`,
        body: chatwootMessage(Number(ctx.message)),
      }),
      allowed: () => undefined,
      snapshot: async (ctx) => [
        await store().listFacts(sites.A.id, `cw.1.2.${ctx.message}`),
        await store().listFacts(sites.B.id, `cw.1.2.${ctx.message}`),
      ],
    }),
    'GET /api/v1/sites/:siteId/members (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/members` }),
      allowed: (a) => {
        const ids = bodyAs<{ members: MemberView[] }>(a.body).members.map((m) => m.agentId);
        expect(ids).toEqual(expect.arrayContaining([principals.agA.person!.agentIds.A, tess]));
        expect(ids).not.toContain(principals.agB.person!.agentIds.B);
      },
    }),
    'PATCH /api/v1/sites/:siteId/members/:agentId (A)': http({
      request: () => ({
        method: 'PATCH',
        path: `/api/v1/sites/${sites.A.id}/members/${tess}`,
        body: { role: 'admin' },
      }),
      snapshot: () => memberAsOperator(tess),
      allowed: async (a) => {
        expect(a.body).toMatchObject({ agentId: tess, role: 'admin' });
        const back = await asOperator('PATCH', `/api/v1/sites/${sites.A.id}/members/${tess}`, {
          role: 'agent',
        });
        expect(back.status).toBe(200);
      },
    }),
    "PATCH /api/v1/sites/:siteId/members/:agentId (A's member, through B)": http({
      request: () => ({
        method: 'PATCH',
        path: `/api/v1/sites/${sites.B.id}/members/${tess}`,
        body: { role: 'admin' },
      }),
      snapshot: () => memberAsOperator(tess),
      allowed: () => undefined,
    }),
    'DELETE /api/v1/sites/:siteId/members/:agentId (A)': http({
      // Allowed cells remove someone who joined for it; refused ones try Tess.
      prepare: async (_p, cell) =>
        cell.startsWith('ok')
          ? join('A', `${unique('leaver')}@a.test`, 'agent')
          : { agentId: tess },
      request: (ctx) => ({
        method: 'DELETE',
        path: `/api/v1/sites/${sites.A.id}/members/${ctx.agentId}`,
      }),
      snapshot: (ctx) => memberAsOperator(ctx.agentId!),
      allowed: async (a, _p, _cell, ctx) => {
        expect(a.status).toBe(204);
        expect(await memberAsOperator(ctx.agentId!)).toMatchObject({ hasAccess: false });
        const session = await call(
          { column: 'anon', cookie: ctx.cookie },
          { method: 'GET', path: '/api/v1/session' },
        );
        expect(session.status).toBe(401);
      },
    }),
    "DELETE /api/v1/sites/:siteId/members/:agentId (A's member, through B)": http({
      request: () => ({ method: 'DELETE', path: `/api/v1/sites/${sites.B.id}/members/${tess}` }),
      snapshot: () => memberAsOperator(tess),
      allowed: () => undefined,
    }),
    'GET /api/v1/sites/:siteId/agents (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/agents` }),
      allowed: (a) => {
        const ids = bodyAs<{ agents: AgentView[] }>(a.body).agents.map((m) => m.agentId);
        expect(ids).toEqual(expect.arrayContaining([principals.agA.person!.agentIds.A, tess]));
        expect(ids).not.toContain(principals.agB.person!.agentIds.B);
      },
    }),
    'PUT /api/v1/sites/:siteId/agents/:agentId (A)': http({
      prepare: async () => ({ agentId: unique('helpdesk') }),
      request: (ctx) => ({
        method: 'PUT',
        path: `/api/v1/sites/${sites.A.id}/agents/${ctx.agentId}`,
        body: { name: 'Ben de Vries' },
      }),
      snapshot: async (ctx) =>
        bodyAs<{ agents: AgentView[] }>(
          (await asOperator('GET', `/api/v1/sites/${sites.A.id}/agents`)).body,
        ).agents.find((agent) => agent.agentId === ctx.agentId) ?? null,
      allowed: (a, _p, _cell, ctx) => {
        expect(a.body).toMatchObject({ agentId: ctx.agentId, name: 'Ben de Vries' });
      },
    }),
    'GET /api/v1/sites/:siteId/invites (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/invites` }),
      allowed: (a) => {
        const invites = bodyAs<{ invites: InviteView[] }>(a.body).invites;
        const ids = invites.map((invite) => invite.inviteId);
        expect(ids).toContain(pendingA.inviteId);
        expect(ids).not.toContain(pendingB.inviteId);
        for (const invite of invites) expect(invite).not.toHaveProperty('link');
      },
    }),
    'POST /api/v1/sites/:siteId/invites (A)': http({
      request: () => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/invites`,
        body: { email: `${unique('invited')}@a.test`, role: 'admin' },
      }),
      snapshot: invitesOfA,
      allowed: async (a) => {
        expect(a.status).toBe(201);
        const invite = bodyAs<NewInviteView>(a.body);
        expect(invite).toMatchObject({ role: 'admin', link: expect.stringContaining('#') });
        expect(await invitesOfA()).toContain(invite.inviteId);
      },
    }),
    'DELETE /api/v1/sites/:siteId/invites/:inviteId (A)': http({
      prepare: async (_p, cell) => (cell.startsWith('ok') ? newInvite('A') : pendingA),
      request: (ctx) => ({
        method: 'DELETE',
        path: `/api/v1/sites/${sites.A.id}/invites/${ctx.inviteId}`,
      }),
      snapshot: invitesOfA,
      allowed: async (a, _p, _cell, ctx) => {
        expect(a.status).toBe(204);
        expect(await invitesOfA()).not.toContain(ctx.inviteId);
      },
    }),
    "DELETE /api/v1/sites/:siteId/invites/:inviteId (A's invite, through B)": http({
      request: () => ({
        method: 'DELETE',
        path: `/api/v1/sites/${sites.B.id}/invites/${pendingA.inviteId}`,
      }),
      snapshot: invitesOfA,
      allowed: () => undefined,
    }),

    // -- one visitor's data

    'GET /api/v1/sites/:siteId/visitors (A, by user id)': http({
      request: () => ({
        method: 'GET',
        path: `/api/v1/sites/${sites.A.id}/visitors?userId=user-81`,
      }),
      allowed: (a) => expect(a.body).toMatchObject({ conversations: 0 }),
    }),
    'GET /api/v1/sites/:siteId/visitors/:visitorId/export (A)': http({
      prepare: visitorWithText,
      request: (ctx) => ({
        method: 'GET',
        path: `/api/v1/sites/${sites.A.id}/visitors/${ctx.visitor}/export`,
      }),
      allowed: (a, _p, _c, ctx) => {
        expect(a.body).toMatchObject({ siteId: sites.A.id, visitorId: ctx.visitor });
        expect(JSON.stringify(a.body)).toContain(ctx.text);
      },
    }),
    "GET /api/v1/sites/:siteId/visitors/:visitorId/export (A's, through B)": http({
      prepare: visitorWithText,
      request: (ctx) => ({
        method: 'GET',
        path: `/api/v1/sites/${sites.B.id}/visitors/${ctx.visitor}/export`,
      }),
      allowed: (a, _p, _c, ctx) => {
        expect(a.body).toMatchObject({ siteId: sites.B.id, conversations: [] });
        expect(JSON.stringify(a.body)).not.toContain(ctx.text!);
      },
    }),
    'POST /api/v1/sites/:siteId/visitors/:visitorId/erase (A)': http({
      prepare: visitorWithText,
      request: (ctx) => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/visitors/${ctx.visitor}/erase`,
      }),
      snapshot: (ctx) => store().listFacts(sites.A.id, ctx.conversation!),
      allowed: async (a, _p, _c, ctx) => {
        expect(a.body).toMatchObject({ conversations: [ctx.conversation] });
        const facts = await store().listFacts(sites.A.id, ctx.conversation!);
        expect(JSON.stringify(facts)).not.toContain(ctx.text!);
      },
    }),
    "POST /api/v1/sites/:siteId/visitors/:visitorId/erase (A's, through B)": http({
      prepare: visitorWithText,
      request: (ctx) => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.B.id}/visitors/${ctx.visitor}/erase`,
      }),
      snapshot: (ctx) => store().listFacts(sites.A.id, ctx.conversation!),
      allowed: async (a, _p, _c, ctx) => {
        expect(a.body).toMatchObject({ conversations: [], facts: 0 });
        const facts = await store().listFacts(sites.A.id, ctx.conversation!);
        expect(JSON.stringify(facts)).toContain(ctx.text!);
      },
    }),

    // -- outgoing webhooks

    'GET /api/v1/sites/:siteId/webhooks (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/webhooks` }),
      allowed: (a) => {
        const hooks = bodyAs<{ webhooks: { id: string }[] }>(a.body).webhooks;
        expect(hooks.map((hook) => hook.id)).toContain(hookA.id);
        expect(JSON.stringify(hooks)).not.toContain('whsec_');
      },
    }),
    'POST /api/v1/sites/:siteId/webhooks (A)': http({
      request: () => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/webhooks`,
        body: { url: 'http://127.0.0.1:9/new', events: ['promise.broken'] },
      }),
      snapshot: webhooksOfA,
      allowed: async (a) => {
        expect(a.status).toBe(201);
        const made = bodyAs<{ id: string; secret: string }>(a.body);
        expect(made.secret).toMatch(/^whsec_/);
        expect((await webhooksOfA()).map((hook) => hook.id)).toContain(made.id);
      },
    }),
    'GET /api/v1/sites/:siteId/webhooks/:id (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/webhooks/${hookA.id}` }),
      allowed: (a) => expect(a.body).toMatchObject({ id: hookA.id }),
    }),
    "GET /api/v1/sites/:siteId/webhooks/:id (A's webhook, through B)": http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.B.id}/webhooks/${hookA.id}` }),
      allowed: () => undefined,
    }),
    'PATCH /api/v1/sites/:siteId/webhooks/:id (A)': http({
      prepare: async (_p, cell) => ({
        id: cell.startsWith('ok') ? await newWebhook('A') : hookA.id,
      }),
      request: (ctx) => ({
        method: 'PATCH',
        path: `/api/v1/sites/${sites.A.id}/webhooks/${ctx.id}`,
        body: { enabled: false },
      }),
      snapshot: webhooksOfA,
      allowed: (a) => expect(a.body).toMatchObject({ enabled: false }),
    }),
    "PATCH /api/v1/sites/:siteId/webhooks/:id (A's webhook, through B)": http({
      request: () => ({
        method: 'PATCH',
        path: `/api/v1/sites/${sites.B.id}/webhooks/${hookA.id}`,
        body: { url: 'https://evil.example/steal' },
      }),
      snapshot: webhooksOfA,
      allowed: () => undefined,
    }),
    'DELETE /api/v1/sites/:siteId/webhooks/:id (A)': http({
      prepare: async (_p, cell) => ({
        id: cell.startsWith('ok') ? await newWebhook('A') : hookA.id,
      }),
      request: (ctx) => ({
        method: 'DELETE',
        path: `/api/v1/sites/${sites.A.id}/webhooks/${ctx.id}`,
      }),
      snapshot: webhooksOfA,
      allowed: async (a, _p, _cell, ctx) => {
        expect(a.status).toBe(204);
        expect((await webhooksOfA()).map((hook) => hook.id)).not.toContain(ctx.id);
      },
    }),
    "DELETE /api/v1/sites/:siteId/webhooks/:id (A's webhook, through B)": http({
      request: () => ({
        method: 'DELETE',
        path: `/api/v1/sites/${sites.B.id}/webhooks/${hookA.id}`,
      }),
      snapshot: webhooksOfA,
      allowed: () => undefined,
    }),
    'POST /api/v1/sites/:siteId/webhooks/:id/ping (A)': http({
      request: () => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/webhooks/${hookA.id}/ping`,
      }),
      allowed: (a) => {
        expect(a.status).toBe(202);
        expect(a.body).toMatchObject({ event: 'webhook.ping' });
      },
    }),
    'GET /api/v1/sites/:siteId/webhooks/:id/deliveries (A)': http({
      request: () => ({
        method: 'GET',
        path: `/api/v1/sites/${sites.A.id}/webhooks/${hookA.id}/deliveries`,
      }),
      allowed: (a) => {
        const ids = bodyAs<{ deliveries: { id: string }[] }>(a.body).deliveries.map((d) => d.id);
        expect(ids).toContain(hookA.deliveryId);
      },
    }),
    'POST /api/v1/sites/:siteId/webhooks/:id/deliveries/:deliveryId/resend (A)': http({
      request: () => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/webhooks/${hookA.id}/deliveries/${hookA.deliveryId}/resend`,
      }),
      // Due again (or being sent at this very moment, which answers the same).
      allowed: (a) => expect(a.body).toMatchObject({ id: hookA.deliveryId, status: 'pending' }),
    }),

    // -- scores and events

    'GET /api/v1/sites/:siteId/scores (A)': http({
      request: () => ({ method: 'GET', path: scoresOfA() }),
      allowed: async (a) => {
        const ids = bodyAs<LiveScores>(a.body).agents.map((agent) => agent.agentId);
        expect(ids).toContain(principals.agA.person!.agentIds.A);
        expect(ids).not.toContain(principals.agB.person!.agentIds.B);
        expect(ids.sort()).toEqual((await agentIdsOf('A')).sort());
      },
    }),
    'GET /api/v1/sites/:siteId/ratings.csv (A)': http({
      prepare: ratedOnBoth,
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/ratings.csv` }),
      allowed: (a, _p, _cell, ctx) => {
        expect(a.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(a.text).toContain(ctx.onA);
        expect(a.text).not.toContain(ctx.onB);
      },
    }),
    'GET /api/v1/sites/:siteId/comments (A)': http({
      prepare: ratedOnBoth,
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/comments?limit=200` }),
      allowed: (a, _p, _cell, ctx) => {
        const said = bodyAs<{ comments: { comment: string | null }[] }>(a.body).comments.map(
          (c) => c.comment,
        );
        expect(said).toContain(ctx.onA);
        expect(said).not.toContain(ctx.onB);
      },
    }),
    'GET /api/v1/sites/:siteId/segments (A)': http({
      prepare: ratedOnBoth,
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/segments` }),
      // Which site's data it holds is for segments.test.ts; here, that it answers whom it should.
      allowed: (a) => {
        const body = bodyAs<{ segments: unknown[]; minRatingsToRank: number }>(a.body);
        expect(body.minRatingsToRank).toBe(20);
        expect(Array.isArray(body.segments)).toBe(true);
      },
    }),
    'GET /api/v1/sites/:siteId/trends (A)': http({
      prepare: ratedOnBoth,
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/trends?interval=day` }),
      // Whether each bucket equals A's scores is for trends.test.ts; here, whom it answers.
      allowed: (a) => {
        const body = bodyAs<{ timeZone: string; buckets: { partial: boolean }[] }>(a.body);
        expect(body.timeZone).toBe('UTC');
        expect(body.buckets.at(-1)?.partial).toBe(true);
      },
    }),
    'GET /api/v1/sites/:siteId/expectation (A)': http({
      prepare: ratedOnBoth,
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/expectation` }),
      // Whether the figures are A's is for expectation.test.ts; here, whom it answers.
      allowed: (a) => {
        const body = bodyAs<{ timeZone: string; weeks: { partial: boolean }[] }>(a.body);
        expect(body.timeZone).toBe('UTC');
        expect(body.weeks.at(-1)?.partial).toBe(true);
      },
    }),
    'GET /api/v1/sites/:siteId/report (A)': http({
      prepare: ratedOnBoth,
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/report` }),
      // Its figures are for report.test.ts; here, whom it answers.
      allowed: (a) => {
        const body = bodyAs<{ timeZone: string; week: string }>(a.body);
        expect(body.timeZone).toBe('UTC');
        expect(body.week).toMatch(/^\d{4}-W\d{2}$/);
      },
    }),
    'GET /api/v1/sites/:siteId/conversations (A; agents: their own)': http({
      prepare: async () => {
        // The same word on both sites, in a chat of A held by agA: only A's is found, and by
        // agents only if it is their own.
        const word = `history${++serial}`;
        const onA = unique('history-a');
        for (const [site, conversationId] of [
          ['A', onA],
          ['B', unique('history-b')],
        ] as const) {
          await postEvents(site, [
            { type: 'message', conversationId, from: 'visitor', text: `Where is ${word}?` },
            ...(site === 'A'
              ? [{ type: 'conversation.assigned', conversationId, agentId: agentOfA('agA') }]
              : []),
          ]);
        }
        return { word, onA };
      },
      request: (ctx) => ({
        method: 'GET',
        path: `/api/v1/sites/${sites.A.id}/conversations?q=${ctx.word}`,
      }),
      allowed: (a, p, _cell, ctx) => {
        const ids = bodyAs<{ conversations: { id: string }[] }>(a.body).conversations.map(
          (c) => c.id,
        );
        const ownOrAll = !['mulA', 'mulB'].includes(p.column);
        expect(ids).toEqual(ownOrAll ? [ctx.onA] : []);
      },
    }),
    'GET /api/v1/sites/:siteId/conversations (A, naming a colleague)': http({
      request: () => ({
        method: 'GET',
        path: `/api/v1/sites/${sites.A.id}/conversations?agent=${tess}`,
      }),
      allowed: (a) =>
        expect(Array.isArray(bodyAs<{ conversations: unknown[] }>(a.body).conversations)).toBe(
          true,
        ),
    }),
    'GET /api/v1/sites/:siteId/followups (A)': http({
      request: () => ({ method: 'GET', path: `/api/v1/sites/${sites.A.id}/followups` }),
      allowed: (a) => expect(Array.isArray(bodyAs<{ items: unknown[] }>(a.body).items)).toBe(true),
    }),
    'PATCH /api/v1/sites/:siteId/followups/:id (A, no such item)': http({
      request: () => ({
        method: 'PATCH',
        path: `/api/v1/sites/${sites.A.id}/followups/${unique('item')}`,
        body: { status: 'resolved' },
      }),
      allowed: () => undefined,
    }),
    'POST /api/v1/sites/:siteId/events (A)': http({
      prepare: async () => ({ conversationId: unique('a-events') }),
      request: (ctx) => ({
        method: 'POST',
        path: `/api/v1/sites/${sites.A.id}/events`,
        body: {
          events: [
            {
              id: unique('event'),
              type: 'conversation.opened',
              conversationId: ctx.conversationId,
              at: new Date(Date.now() - 1000).toISOString(),
            },
          ],
        },
      }),
      snapshot: async (ctx) => ({
        onA: await conversation('A', ctx.conversationId!),
        onB: await conversation('B', ctx.conversationId!),
      }),
      allowed: async (a, _p, _cell, ctx) => {
        expect(a.body).toEqual({ accepted: 1, duplicates: 0 });
        expect(await conversation('A', ctx.conversationId!)).toMatchObject({ status: 'open' });
        expect(await conversation('B', ctx.conversationId!)).toBeNull();
      },
    }),

    // -- the widget's ratings route

    'OPTIONS /api/v1/sites/:siteId/ratings (from a page of A)': http({
      request: () => ({ method: 'OPTIONS', path: ratingsOfA(), origin: ORIGIN_A }),
      allowed: (a) => {
        expect(a.status).toBe(204);
        expect(a.headers.get('access-control-allow-origin')).toBe(ORIGIN_A);
      },
    }),
    'OPTIONS /api/v1/sites/:siteId/ratings (from another page)': http({
      request: () => ({ method: 'OPTIONS', path: ratingsOfA(), origin: ORIGIN_B }),
      allowed: () => undefined,
      refused: (a) => expect(a.headers.get('access-control-allow-origin')).toBeNull(),
    }),
    "POST /api/v1/sites/:siteId/ratings (the visitor's own ended conversation)": ratingDelivery(
      () => conv.ended,
    ),
    "POST /api/v1/sites/:siteId/ratings (another visitor's conversation)": ratingDelivery(
      () => conv.othersEnded,
    ),

    // -- the console's socket

    'agent connect': async (p, cell) => {
      if (cell === '401') return expectNoConsole(p);
      const person = p.person!;
      const console = await connectConsole(p.cookie!, person.shows, person.agentIds[person.shows]!);
      try {
        const { agent } = data(await console.socket.emitWithAck('inbox:list', {}));
        expect(agent).toMatchObject({
          id: person.agentIds[siteOf(cell)],
          siteId: sites[siteOf(cell)].id,
        });
      } finally {
        console.socket.close();
        open.delete(console.socket);
      }
    },
    "agent broadcasts (A's conversations and scores)": async (p, cell) => {
      if (cell === '401') return expectNoConsole(p);
      const console = await consoleOf(p);
      const marker = unique('broadcast');
      const watcher = cell === 'ok' ? console : wes;
      const heard = until<AgentConversationView>(watcher.socket, 'conversation', (view) =>
        view.messages.some((m) => m.text === marker),
      );
      const scored = until<LiveScores>(watcher.socket, 'scores', () => true);
      data(await v1.socket.emitWithAck('message:send', { text: marker }));
      await Promise.all([heard, scored]);
      if (cell === 'none') {
        // Something on B reaches this console after A's change went out: it is live, and heard
        // of B only.
        const markerB = unique('on-b');
        const heardB = until<AgentConversationView>(console.socket, 'conversation', (view) =>
          view.messages.some((m) => m.text === markerB),
        );
        await postEvents('B', [
          { type: 'message', conversationId: conv.onB, from: 'visitor', text: markerB },
        ]);
        await heardB;
      }
      // Everything this console ever heard is of its own site.
      const own = console.site;
      for (const id of new Set(console.conversations.map((view) => view.id))) {
        expect(await conversation(own, id), id).not.toBeNull();
        expect(await conversation(otherSite(own), id), id).toBeNull();
      }
      const agents = await agentIdsOf(own);
      for (const scores of console.scores) {
        for (const agent of scores.agents) expect(agents).toContain(agent.agentId);
      }
      if (cell === 'ok') expect(console.scores.length).toBeGreaterThan(0);
      // Waiting counts it heard name only its person's other sites: never a stranger's.
      const others = (Object.keys(p.person!.agentIds) as SiteName[])
        .filter((site) => site !== own)
        .map((site) => sites[site].id);
      for (const count of console.waiting) expect(others).toContain(count.siteId);
    },
    'agent inbox:list': agentEvent({
      act: (c) => c.socket.emitWithAck('inbox:list', {}),
      allowed: async ({ agent, conversations }, c, cell) => {
        const site = siteOf(cell);
        expect(agent).toMatchObject({ id: c.agentId, siteId: sites[site].id });
        const ids = conversations.map((view) => view.id);
        expect(ids).toContain(site === 'A' ? conv.open : conv.onB);
        expect(ids).not.toContain(site === 'A' ? conv.onB : conv.open);
        for (const id of ids) expect(await conversation(site, id), id).not.toBeNull();
      },
    }),
    "agent conversation:claim (A's conversation, unassigned)": agentEvent({
      prepare: () => chatOfA(null),
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:claim', { conversationId: ctx.conversationId! }),
      snapshot: async (ctx) => ({
        assigned: (await conversation('A', ctx.conversationId!))?.assignedAgentId,
        facts: await factCount('A', ctx.conversationId!),
      }),
      allowed: (view, c, _cell, ctx) => {
        expect(view).toMatchObject({ id: ctx.conversationId, assignedAgent: { id: c.agentId } });
      },
    }),
    // Taking a colleague's chat (and its rating) from under them needs the supervisor role.
    "agent conversation:claim (A's, held by a colleague who is online)": agentEvent({
      prepare: () => chatOfA(wes.agentId),
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:claim', { conversationId: ctx.conversationId! }),
      snapshot: async (ctx) => ({
        assigned: (await conversation('A', ctx.conversationId!))?.assignedAgentId,
        facts: await factCount('A', ctx.conversationId!),
      }),
      allowed: (view, c, _cell, ctx) => {
        expect(view).toMatchObject({ id: ctx.conversationId, assignedAgent: { id: c.agentId } });
        expect(view.timeline.at(-1)).toMatchObject({
          kind: 'assigned',
          agent: { id: c.agentId },
          previous: { id: wes.agentId },
        });
      },
    }),
    "agent message:send (A's conversation, unassigned)": agentEvent({
      prepare: async () => ({ ...(await chatOfA(null)), text: unique('reply') }),
      act: (c, ctx) =>
        c.socket.emitWithAck('message:send', {
          conversationId: ctx.conversationId!,
          text: ctx.text!,
        }),
      snapshot: (ctx) => factCount('A', ctx.conversationId!),
      allowed: (view, c, _cell, ctx) => {
        expect(view.id).toBe(ctx.conversationId);
        expect(view.messages).toContainEqual(
          expect.objectContaining({
            text: ctx.text,
            agent: expect.objectContaining({ id: c.agentId }),
          }),
        );
        // Replying to an unassigned chat claims it.
        expect(view.assignedAgent).toMatchObject({ id: c.agentId });
      },
    }),
    // A rating rates whom the visitor heard last: one line in a colleague's chat would take it.
    "agent message:send (A's, held by a colleague who is online)": agentEvent({
      prepare: async () => ({ ...(await chatOfA(wes.agentId)), text: unique('reply') }),
      act: (c, ctx) =>
        c.socket.emitWithAck('message:send', {
          conversationId: ctx.conversationId!,
          text: ctx.text!,
        }),
      snapshot: async (ctx) => ({
        assigned: (await conversation('A', ctx.conversationId!))?.assignedAgentId,
        facts: await factCount('A', ctx.conversationId!),
      }),
      allowed: (view, c, _cell, ctx) => {
        expect(view.id).toBe(ctx.conversationId);
        expect(view.assignedAgent).toMatchObject({ id: c.agentId });
        expect(view.timeline.at(-1)).toMatchObject({
          kind: 'assigned',
          agent: { id: c.agentId },
          previous: { id: wes.agentId },
        });
      },
    }),
    "agent typing (A's conversation)": async (p, cell) => {
      if (cell === '401') return expectNoConsole(p);
      const console = await consoleOf(p);
      const typing = { conversationId: conv.open, typing: true };
      if (cell === 'ok') {
        const heard = until<Visitor['typing'][number]>(
          v1.socket,
          'typing',
          (hint) => hint.agent.id === console.agentId,
        );
        console.socket.emit('typing', typing);
        await heard;
        return;
      }
      const mark = v1.typing.length;
      console.socket.emit('typing', typing);
      // Once the console's hint was handled, a colleague on A types: only that one arrives.
      data(await console.socket.emitWithAck('scores:get', {}));
      const heard = until<Visitor['typing'][number]>(
        v1.socket,
        'typing',
        (hint) => hint.agent.id === wes.agentId,
      );
      wes.socket.emit('typing', typing);
      await heard;
      expect(v1.typing.slice(mark).map((hint) => hint.agent.id)).toEqual([wes.agentId]);
    },
    "agent promise:make (A's conversation, unassigned)": agentEvent({
      prepare: async () => ({ ...(await chatOfA(null)), text: unique('promise') }),
      act: (c, ctx) =>
        c.socket.emitWithAck('promise:make', {
          conversationId: ctx.conversationId!,
          text: ctx.text!,
          dueAt: new Date(Date.now() + HOUR).toISOString(),
        }),
      snapshot: (ctx) => factCount('A', ctx.conversationId!),
      allowed: (view, c, _cell, ctx) => {
        expect(view.promises).toContainEqual(
          expect.objectContaining({
            text: ctx.text,
            agent: expect.objectContaining({ id: c.agentId }),
          }),
        );
      },
    }),
    // Promises kept in colleagues' chats would lift one's reliability without the work.
    "agent promise:make (A's, held by a colleague who is online)": agentEvent({
      prepare: async () => ({ ...(await chatOfA(wes.agentId)), text: unique('promise') }),
      act: (c, ctx) =>
        c.socket.emitWithAck('promise:make', {
          conversationId: ctx.conversationId!,
          text: ctx.text!,
          dueAt: new Date(Date.now() + HOUR).toISOString(),
        }),
      snapshot: async (ctx) => ({
        assigned: (await conversation('A', ctx.conversationId!))?.assignedAgentId,
        facts: await factCount('A', ctx.conversationId!),
      }),
      allowed: (view, c, _cell, ctx) => {
        expect(view.promises).toContainEqual(
          expect.objectContaining({
            text: ctx.text,
            agent: expect.objectContaining({ id: c.agentId }),
          }),
        );
        expect(view.assignedAgent).toMatchObject({ id: c.agentId });
      },
    }),
    // A colleague's pending promise, made for this cell in a chat the caller holds (on A).
    "agent promise:keep (a colleague's promise, in the conversation they hold)": keepCase((c) =>
      c.site === 'A' ? c.agentId : wes.agentId,
    ),
    // ... and in a chat the colleague holds: only a supervisor may mark it kept for them.
    "agent promise:keep (a colleague's promise, in a colleague's conversation)": keepCase(
      () => wes.agentId,
    ),
    "agent conversation:close (A's, held by a colleague)": agentEvent({
      prepare: () => chatOfA(wes.agentId),
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:close', { conversationId: ctx.conversationId! }),
      snapshot: async (ctx) => ({
        status: (await conversation('A', ctx.conversationId!))?.status,
        facts: await factCount('A', ctx.conversationId!),
      }),
      allowed: (view, c, _cell, ctx) => {
        expect(view).toMatchObject({ id: ctx.conversationId, status: 'closed' });
        expect(view.timeline.at(-1)).toMatchObject({ kind: 'closed', agent: { id: c.agentId } });
      },
    }),
    "agent conversation:close (A's conversation, unassigned)": agentEvent({
      // A conversation of A's own helpdesk, opened for this cell.
      prepare: async () => {
        const conversationId = unique('a-close');
        await postEvents('A', [{ type: 'conversation.opened', conversationId }]);
        return { conversationId };
      },
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:close', { conversationId: ctx.conversationId! }),
      snapshot: async (ctx) => (await conversation('A', ctx.conversationId!))?.status,
      allowed: (view, _c, _cell, ctx) => {
        expect(view).toMatchObject({ id: ctx.conversationId, status: 'closed' });
      },
    }),
    'agent scores:get': agentEvent({
      act: (c) => c.socket.emitWithAck('scores:get', {}),
      allowed: async (scores, c, cell) => {
        const ids = scores.agents.map((agent) => agent.agentId);
        expect(ids).toContain(c.agentId);
        expect(ids.sort()).toEqual((await agentIdsOf(siteOf(cell))).sort());
      },
    }),
    'agent scores:breakdown (own)': agentEvent({
      act: (c) => c.socket.emitWithAck('scores:breakdown', {}),
      allowed: (breakdown, c) => expect(breakdown.agentId).toBe(c.agentId),
    }),
    "agent conversation:get (A's, open)": agentEvent({
      prepare: () => chatOfA(null),
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:get', { conversationId: String(ctx.conversationId) }),
      allowed: (view, _c, _cell, ctx) => expect(view.id).toBe(ctx.conversationId),
    }),
    "agent conversation:get (A's, the caller's, closed days ago)": agentEvent({
      prepare: (c) => pastChatOfA(c.agentId),
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:get', { conversationId: String(ctx.conversationId) }),
      allowed: (view, _c, _cell, ctx) => expect(view.id).toBe(ctx.conversationId),
    }),
    "agent conversation:get (A's, a colleague's, closed days ago)": agentEvent({
      prepare: () => pastChatOfA(tess),
      act: (c, ctx) =>
        c.socket.emitWithAck('conversation:get', { conversationId: String(ctx.conversationId) }),
      allowed: (view) => expect(view.status).toBe('closed'),
    }),
    'agent followups:list': agentEvent({
      act: (c) => c.socket.emitWithAck('followups:list', {}),
      allowed: (queue) => expect(Array.isArray(queue.items)).toBe(true),
    }),
    'agent followup:update (no such item)': agentEvent({
      act: (c) =>
        c.socket.emitWithAck('followup:update', {
          id: unique('item'),
          change: { status: 'resolved' },
        }),
      allowed: () => undefined,
    }),
    "agent sites:waiting (counts of the person's other sites)": agentEvent({
      act: (c) => c.socket.emitWithAck('sites:waiting', {}),
      allowed: async (answer, c, cell) => {
        const ids = answer.sites.map((count) => count.siteId);
        // Of A and B, the other one when the person is on both (admins may have made more sites
        // of their own in rows before: those are theirs too).
        const expected = cell === 'ok:none' ? [] : [sites[siteOf(cell)].id];
        expect(ids.filter((id) => id === sites.A.id || id === sites.B.id)).toEqual(expected);
        expect(ids).not.toContain(sites[c.site].id);
        const { agent } = data(await c.socket.emitWithAck('inbox:list', {}));
        const own = agent.sites.map((site) => site.siteId);
        for (const id of ids) expect(own).toContain(id);
        // Counts, nothing else.
        for (const count of answer.sites) {
          expect(Object.keys(count).sort()).toEqual(['seq', 'siteId', 'waiting']);
        }
      },
    }),
    'agent scores:breakdown (a colleague on A)': agentEvent({
      act: (c) => c.socket.emitWithAck('scores:breakdown', { agentId: tess }),
      allowed: (breakdown) => expect(breakdown.agentId).toBe(tess),
    }),

    // -- A's widget

    'visitor connect (site A)': async (p) => {
      const visitor = await connectVisitor(
        { siteId: sites.A.id, ...(p.visitorToken && { visitorToken: p.visitorToken }) },
        headersOf(p),
      );
      try {
        if (p.column === 'vis') expect(visitor.visitorId).toBe(v1.visitorId);
        else expect([v1.visitorId, v2.visitorId]).not.toContain(visitor.visitorId);
      } finally {
        done(visitor);
      }
    },
    'visitor connect (site B)': async (p) => {
      // A's visitor token means nothing on B's widget: a new visitor there.
      const visitor = await connectVisitor(
        { siteId: sites.B.id, ...(p.visitorToken && { visitorToken: p.visitorToken }) },
        headersOf(p),
      );
      try {
        expect([v1.visitorId, v2.visitorId]).not.toContain(visitor.visitorId);
        expect(visitor.token).not.toBe(v1.token);
        expect(visitor.latest).toBeNull();
      } finally {
        done(visitor);
      }
    },
    'visitor hello': visitorEvent({
      act: (visitor) => visitor.socket.emitWithAck('hello', {}),
      snapshot: async () => null,
      allowed: async (hello, visitor) => {
        // The visitor's own latest conversation; a new visitor has none.
        if (visitor === v1) expect(await ownerOf(hello.conversation!.id)).toBe(v1.visitorId);
        else expect(hello.conversation).toBeNull();
      },
    }),
    'visitor message:send': visitorEvent({
      act: (visitor) => visitor.socket.emitWithAck('message:send', { text: 'Hello?' }),
      snapshot: async () => null,
      allowed: async (view, visitor) => {
        expect(await ownerOf(view.id)).toBe(visitor.visitorId);
        if (visitor !== v1) expect(view.messages.map((m) => m.text)).toEqual(['Hello?']);
      },
    }),
    'visitor typing': async (p, cell) => {
      const visitor = await visitorOf(p);
      try {
        // Typing is relayed for the visitor's latest conversation while it is open.
        const chatting = await openConversationOfV1();
        if (cell === 'ok') {
          const heard = until<ConsoleClient['typing'][number]>(
            wes.socket,
            'typing',
            (hint) => hint.conversationId === chatting,
          );
          visitor.socket.emit('typing', { typing: true });
          await heard;
          return;
        }
        const mark = wes.typing.length;
        visitor.socket.emit('typing', { typing: true });
        data(await visitor.socket.emitWithAck('hello', {}));
        // Once the new visitor's hint was handled, the first visitor types: only that arrives.
        const heard = until<ConsoleClient['typing'][number]>(
          wes.socket,
          'typing',
          (hint) => hint.conversationId === chatting,
        );
        v1.socket.emit('typing', { typing: true });
        await heard;
        expect(wes.typing.slice(mark).map((hint) => hint.conversationId)).toEqual([chatting]);
      } finally {
        done(visitor);
      }
    },
    "visitor conversation:end (another visitor's)": visitorEvent({
      act: (visitor) =>
        visitor.socket.emitWithAck('conversation:end', { conversationId: conv.othersOpen }),
      snapshot: async () => ({
        status: (await conversation('A', conv.othersOpen))?.status,
        facts: await factCount('A', conv.othersOpen),
      }),
      allowed: () => undefined,
    }),
    "visitor conversation:reopen (another visitor's)": visitorEvent({
      act: (visitor) =>
        visitor.socket.emitWithAck('conversation:reopen', { conversationId: conv.othersEnded }),
      snapshot: async () => ({
        status: (await conversation('A', conv.othersEnded))?.status,
        facts: await factCount('A', conv.othersEnded),
      }),
      allowed: () => undefined,
    }),
    "visitor rating:save (the visitor's own ended conversation)": visitorEvent({
      act: (visitor) =>
        visitor.socket.emitWithAck('rating:save', {
          conversationId: conv.ended,
          key: unique('key'),
          end: 5,
        }),
      snapshot: async () => (await conversation('A', conv.ended))?.rating,
      allowed: async (rating) => {
        expect(rating.end).toBe(5);
        expect((await conversation('A', conv.ended))?.rating?.end).toBe(5);
      },
    }),
    "visitor rating:save (another visitor's conversation)": visitorEvent({
      act: (visitor) =>
        visitor.socket.emitWithAck('rating:save', {
          conversationId: conv.othersEnded,
          key: unique('key'),
          end: 1,
        }),
      snapshot: async () => (await conversation('A', conv.othersEnded))?.rating ?? null,
      allowed: () => undefined,
    }),
    "visitor promise:dispute (the visitor's own kept promise)": visitorEvent({
      act: (visitor) =>
        visitor.socket.emitWithAck('promise:dispute', {
          conversationId: conv.open,
          promiseId: keptPromise.open,
        }),
      snapshot: () => factCount('A', conv.open),
      allowed: (view) => {
        expect(view.id).toBe(conv.open);
        const promise = view.promises.find((p) => p.id === keptPromise.open);
        expect(promise).toMatchObject({ status: 'disputed', disputedAt: expect.any(String) });
      },
    }),
    "visitor promise:dispute (another visitor's kept promise)": visitorEvent({
      act: (visitor) =>
        visitor.socket.emitWithAck('promise:dispute', {
          conversationId: conv.othersOpen,
          promiseId: keptPromise.othersOpen,
        }),
      snapshot: () => factCount('A', conv.othersOpen),
      allowed: () => undefined,
    }),
    "visitor broadcasts (another visitor's conversation)": async (p) => {
      const visitor = await visitorOf(p);
      try {
        const marker = unique('private');
        const heard = until<VisitorConversationView>(v2.socket, 'conversation', (view) =>
          view.messages.some((m) => m.text === marker),
        );
        const sent = data(await v2.socket.emitWithAck('message:send', { text: marker }));
        await heard;
        // A round trip after the other visitor's update went out: anything leaked came first.
        data(await visitor.socket.emitWithAck('hello', {}));
        const seen = new Set(visitor.conversations.map((view) => view.id));
        expect(seen.has(sent.id)).toBe(false);
        if (visitor === v1) {
          for (const id of seen) expect(await ownerOf(id), id).toBe(v1.visitorId);
        } else expect([...seen]).toEqual([]);
      } finally {
        done(visitor);
      }
    },
  };

  // -- the world: two sites, their teams, visitors ---------------------------------------------

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    const transport = nodemailer.createTransport({ jsonTransport: true });
    transport.use('compile', (mail, done) => {
      mailed.push({ to: String(mail.data.to), text: String(mail.data.text) });
      done();
    });
    server = await startServer({ storage, mailTransport: transport });

    for (const [name, origin] of [
      ['A', ORIGIN_A],
      ['B', ORIGIN_B],
    ] as const) {
      const created = await asOperator('POST', '/api/v1/sites', {
        name: `Site ${name}`,
        allowedOrigins: [origin],
      });
      expect(created.status).toBe(201);
      const site = bodyAs<NewSiteView>(created.body);
      sites[name] = { id: site.siteId, key: site.key };
    }

    const team: [Column, SiteName, Role, string][] = [
      ['agA', 'A', 'agent', 'ava@a.test'],
      ['supA', 'A', 'supervisor', 'sam@a.test'],
      ['admA', 'A', 'admin', 'ada@a.test'],
      ['agB', 'B', 'agent', 'bob@b.test'],
      ['supB', 'B', 'supervisor', 'sue@b.test'],
      ['admB', 'B', 'admin', 'bea@b.test'],
    ];
    for (const [column, site, role, email] of team) {
      const joined = await join(site, email, role);
      principals[column] = {
        column,
        cookie: joined.cookie,
        person: { email, agentIds: { [site]: joined.agentId }, shows: site },
      };
    }
    // One person on both sites: admin of B, then (her email proven) agent of A, one account.
    const onB = await join('B', 'mia@example.test', 'admin');
    const onA = await joinSignedIn('A', 'mia@example.test', 'agent', onB.cookie);
    const agentIds = { A: onA.agentId, B: onB.agentId };
    const showsB = await signIn('mia@example.test');
    await call(
      { column: 'mulB', cookie: showsB },
      { method: 'PATCH', path: '/api/v1/session', body: { siteId: sites.B.id } },
    );
    principals.mulA = {
      column: 'mulA',
      cookie: onB.cookie,
      person: { email: 'mia@example.test', agentIds, shows: 'A' },
    };
    principals.mulB = {
      column: 'mulB',
      cookie: showsB,
      person: { email: 'mia@example.test', agentIds, shows: 'B' },
    };

    const vicJoined = await join('B', vic, 'agent');
    const proven = await call(
      { column: 'anon', cookie: vicJoined.cookie },
      { method: 'POST', path: '/api/v1/account/verify', body: { token: mailedSecret(vic) } },
    );
    expect(proven.status).toBe(200);

    const tessJoined = await join('A', 'tess@a.test', 'agent');
    tess = tessJoined.agentId;
    usedLink = tessJoined.token;
    const wesJoined = await join('A', 'wes@a.test', 'supervisor');
    wes = await connectConsole(wesJoined.cookie, 'A', wesJoined.agentId);

    const invited = await asOperator('POST', `/api/v1/sites/${sites.A.id}/invites`, {
      email: 'pending@a.test',
      role: 'agent',
    });
    const invite = bodyAs<NewInviteView>(invited.body);
    pendingA = { inviteId: invite.inviteId, token: invite.link.split('#')[1]! };
    const hookId = await newWebhook('A');
    const ping = await asOperator('POST', `/api/v1/sites/${sites.A.id}/webhooks/${hookId}/ping`);
    hookA = { id: hookId, deliveryId: bodyAs<{ id: string }>(ping.body).id };
    const invitedB = await asOperator('POST', `/api/v1/sites/${sites.B.id}/invites`, {
      email: 'pending@b.test',
      role: 'agent',
    });
    pendingB = { inviteId: bodyAs<NewInviteView>(invitedB.body).inviteId };

    // Two visitors of A, each with an ended conversation and an open one.
    v1 = await connectVisitor({ siteId: sites.A.id });
    v2 = await connectVisitor({ siteId: sites.A.id });
    for (const [visitor, ended, opened] of [
      [v1, 'ended', 'open'],
      [v2, 'othersEnded', 'othersOpen'],
    ] as const) {
      const first = data(await visitor.socket.emitWithAck('message:send', { text: 'Hi' }));
      // Answered, so its rating counts (a rating of a chat nobody answered rates nobody).
      data(
        await wes.socket.emitWithAck('message:send', { conversationId: first.id, text: 'Hello!' }),
      );
      data(await visitor.socket.emitWithAck('conversation:end', { conversationId: first.id }));
      const second = data(await visitor.socket.emitWithAck('message:send', { text: 'Me again' }));
      expect(second.id).not.toBe(first.id);
      conv[ended] = first.id;
      conv[opened] = second.id;
    }
    for (const opened of ['open', 'othersOpen'] as const) {
      const text = unique('promise');
      const made = data(
        await wes.socket.emitWithAck('promise:make', {
          conversationId: conv[opened],
          text,
          dueAt: new Date(Date.now() + HOUR).toISOString(),
        }),
      );
      keptPromise[opened] = made.promises.find((promise) => promise.text === text)!.id;
      data(
        await wes.socket.emitWithAck('promise:keep', {
          conversationId: conv[opened],
          promiseId: keptPromise[opened],
        }),
      );
    }
    conv.onB = unique('b-conversation');
    await postEvents('B', [{ type: 'conversation.opened', conversationId: conv.onB }]);

    const signedOut = await signIn('ada@a.test');
    expect(
      (
        await call(
          { column: 'out', cookie: signedOut },
          { method: 'DELETE', path: '/api/v1/session' },
        )
      ).status,
    ).toBe(204);

    principals.anon = { column: 'anon' };
    principals.tok = { column: 'tok', bearer: () => TEST_ADMIN_TOKEN };
    principals.keyA = { column: 'keyA', bearer: () => sites.A.key };
    principals.keyB = { column: 'keyB', bearer: () => sites.B.key };
    principals.out = { column: 'out', cookie: signedOut };
    principals.vis = { column: 'vis', bearer: () => v1.token, visitorToken: v1.token };
  });

  afterAll(async () => {
    for (const socket of open) socket.close();
    await server?.stop();
    await storage?.remove();
  });

  // -- the matrix covers everything there is ---------------------------------------------------

  describe('the matrix', () => {
    it('has a row for every route the app serves, and no row for a route it does not', () => {
      type Layer = {
        route?: { path: string | string[]; methods: Record<string, boolean> };
        handle?: { stack?: Layer[] };
      };
      const served = new Set<string>();
      const walk = (stack: Layer[]) => {
        for (const layer of stack) {
          if (layer.route) {
            for (const method of Object.keys(layer.route.methods)) {
              for (const path of [layer.route.path].flat()) {
                served.add(`${method.toUpperCase()} ${path}`);
              }
            }
          } else if (layer.handle?.stack) walk(layer.handle.stack);
        }
      };
      walk((server.application.app as unknown as { router: { stack: Layer[] } }).router.stack);
      const rows = new Set(ROWS.flatMap((row) => routeOf(row.name) ?? []));
      expect(
        [...served].filter((route) => !rows.has(route)),
        'routes without a row',
      ).toEqual([]);
      expect(
        [...rows].filter((route) => !served.has(route)),
        'rows of no route',
      ).toEqual([]);
    });

    it.each([
      ['console', 'agent', () => wes.socket.id],
      ['visitor', 'visitor', () => v1.socket.id],
    ] as const)('has a row for every event a %s socket listens to', (_, namespace, idOf) => {
      const socket = server.application.io.of(`/${namespace}`).sockets.get(idOf() ?? '');
      const listened = socket!
        .eventNames()
        .map(String)
        .filter((name) => !RESERVED.has(name));
      const rows = new Set(ROWS.flatMap((row) => eventOf(row.name, namespace) ?? []));
      expect(
        listened.filter((event) => !rows.has(event)),
        'events without a row',
      ).toEqual([]);
      expect(
        [...rows].filter((event) => !listened.includes(event)),
        'rows of no event',
      ).toEqual([]);
    });

    it('has a case for every row, and a row for every case', () => {
      const rows = ROWS.map((row) => row.name);
      expect(
        rows.filter((name) => !CASES[name]),
        'rows without a case',
      ).toEqual([]);
      expect(
        Object.keys(CASES).filter((name) => !rows.includes(name)),
        'cases without a row',
      ).toEqual([]);
    });
  });

  for (const row of ROWS) {
    describe(row.name, () => {
      for (const column of COLUMNS) {
        const cell = row.cells[column];
        it(`${column}: ${cell}`, async () => {
          const run = CASES[row.name];
          if (!run) throw new Error(`No case for the row "${row.name}"`);
          await run(principals[column], cell);
        });
      }
    });
  }
});
