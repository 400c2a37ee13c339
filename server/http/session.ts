/**
 * Console sign-in: `POST` (sign in), `GET` (who am I), `PATCH` (show another of my sites) and
 * `DELETE /api/v1/session` (sign out, which also disconnects the session's console sockets).
 *
 * Sign-in answers the same for an unknown email as for a wrong password. When the email and
 * password are those of accounts on several sites (one account per site: docs/accounts.md), it
 * asks which site, `{"chooseSite": [...]}`, and is sent again with `siteId`: only someone who
 * has the password learns that the email has several accounts.
 */
import express, { type Router } from 'express';
import { ZSiteChoice, type SignInChoice } from '../../shared/accounts';
import { ZSignIn } from '../../shared/protocol';
import type { Issue } from '../../shared/ack';
import type { Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import { Refusal } from '../errors';
import { noteMemberAddress } from '../limits/members';
import type { ConsoleSockets } from '../live/access';
import type { Agent, Store } from '../storage/store';
import { requireSignedIn } from './caller';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { parseBody } from './validate';
import { requireSameOrigin } from './same-origin';
import { apiRoute } from '../openapi/route';
import { ZAgentAnswer } from '../openapi/views';
import { z } from 'zod';

const AGENT_EXAMPLE = {
  agent: {
    id: 'agt_7Hc2',
    name: 'Anna Jansen',
    email: 'anna@northwind.example',
    siteId: 'site_3kT9qzXw',
    siteName: 'Northwind',
    role: 'supervisor',
    sites: [{ siteId: 'site_3kT9qzXw', siteName: 'Northwind', role: 'supervisor' }],
  },
} as const;
const TAG = 'Console sign-in and accounts';

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const SESSION_API = {
  signIn: apiRoute({
    method: 'post',
    path: '/api/v1/session',
    tag: TAG,
    summary: 'Sign in',
    description:
      'Answers with the session cookie, or, when the password opens accounts on several sites, `{"chooseSite": [...]}`: send it again with `siteId`. With `invite` (the secret of an invite link), signing in also joins its site.',
    auth: [],
    body: ZSignIn,
    bodyExample: { email: 'anna@northwind.example', password: 'a long passphrase' },
    responses: {
      200: {
        description: 'Signed in (with `Set-Cookie`), or which site?',
        schema: z.union([
          ZAgentAnswer,
          z.object({ chooseSite: z.array(z.object({ siteId: z.string(), siteName: z.string() })) }),
        ]),
        example: AGENT_EXAMPLE,
      },
    },
    refusals: { 401: 'Wrong email or password (the same for an unknown email).' },
  }),
  whoAmI: apiRoute({
    method: 'get',
    path: '/api/v1/session',
    tag: TAG,
    summary: 'Who is signed in',
    auth: ['session'],
    responses: {
      200: { description: 'The signed-in agent.', schema: ZAgentAnswer, example: AGENT_EXAMPLE },
    },
  }),
  switchSite: apiRoute({
    method: 'patch',
    path: '/api/v1/session',
    tag: TAG,
    summary: 'Show another of my sites',
    auth: ['session'],
    body: ZSiteChoice,
    bodyExample: { siteId: 'site_3kT9qzXw' },
    responses: {
      200: { description: 'The agent on that site.', schema: ZAgentAnswer, example: AGENT_EXAMPLE },
    },
  }),
  signOut: apiRoute({
    method: 'delete',
    path: '/api/v1/session',
    tag: TAG,
    summary: 'Sign this browser out',
    auth: ['session'],
    responses: { 204: { description: 'Signed out.' } },
  }),
};

export interface SessionRouteDeps {
  store: Store;
  sessions: Sessions;
  clock: Clock;
  log: Logger;
  consoleSockets?: ConsoleSockets;
  /** Whether Peakend sends email: then the console is told of an unproven email. */
  mailEnabled?: boolean;
}

export function sessionRoutes({
  store,
  sessions,
  clock,
  log,
  consoleSockets,
  mailEnabled = false,
}: SessionRouteDeps): Router {
  const router = express.Router();

  const describe = (agent: Agent) => signedInView(store, agent, { mailEnabled });

  router.post(SESSION_API.signIn.path, async (req, res) => {
    const { email, password, siteId, invite } = parseBody(
      SESSION_API.signIn.body,
      req.body,
      signInProblem,
    );
    const outcome = await sessions.signIn(email, password, { siteId, invite });
    if (!outcome) throw new Refusal('unauthorized', 'Wrong email or password.');
    res.setHeader('Cache-Control', 'no-store');
    if (outcome.kind === 'choose') {
      const choice: SignInChoice = { chooseSite: outcome.sites };
      res.json(choice);
      return;
    }
    res.setHeader('Set-Cookie', outcome.cookie);
    // Where members sign in from: a rating from there is the team's own (excluded "member").
    // The sign-in has succeeded whatever becomes of this note.
    await noteMemberAddress(store, outcome.agent, req.ip, clock.now()).catch((error: unknown) =>
      log.error('could not note a member address', error),
    );
    res.json({ agent: await describe(outcome.agent) });
  });

  router.get(SESSION_API.whoAmI.path, async (req, res) => {
    const agent = await sessions.agentFor(req.headers.cookie);
    if (!agent) throw new Refusal('unauthorized', 'Not signed in.');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ agent: await describe(agent) });
  });

  router.patch(SESSION_API.switchSite.path, async (req, res) => {
    const { session } = await requireSignedIn(req, sessions);
    const { siteId } = parseBody(SESSION_API.switchSite.body, req.body);
    const agent = await sessions.switchSite(session, siteId);
    if (!agent) throw new Refusal('forbidden', 'Your account has no access to this site.');
    // The console's socket serves one site: it reconnects to serve this one.
    consoleSockets?.sessionChanged(session.tokenHash);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ agent: await describe(agent) });
  });

  router.delete(SESSION_API.signOut.path, async (req, res) => {
    // Like every change made with a session: only from the console's own pages.
    requireSameOrigin(req);
    const tokenHash = sessions.tokenHashOf(req.headers.cookie);
    res.setHeader('Set-Cookie', await sessions.signOut(req.headers.cookie));
    if (tokenHash) consoleSockets?.sessionChanged(tokenHash);
    res.status(204).end();
  });

  return router;
}

/** What a person fixes in the sign-in form, from what the body lacked (the form shows it). */
function signInProblem(issues: readonly Issue[]): string | null {
  if (issues.some((issue) => issue.path === 'email')) return 'Enter a valid email address.';
  if (issues.some((issue) => issue.path === 'password')) return 'Enter your password.';
  return null;
}
