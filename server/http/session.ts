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

  router.post('/api/v1/session', async (req, res) => {
    const { email, password, siteId, invite } = parseBody(ZSignIn, req.body);
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

  router.get('/api/v1/session', async (req, res) => {
    const agent = await sessions.agentFor(req.headers.cookie);
    if (!agent) throw new Refusal('unauthorized', 'Not signed in.');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ agent: await describe(agent) });
  });

  router.patch('/api/v1/session', async (req, res) => {
    const { session } = await requireSignedIn(req, sessions);
    const { siteId } = parseBody(ZSiteChoice, req.body);
    const agent = await sessions.switchSite(session, siteId);
    if (!agent) throw new Refusal('forbidden', 'Your account has no access to this site.');
    // The console's socket serves one site: it reconnects to serve this one.
    consoleSockets?.sessionChanged(session.tokenHash);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ agent: await describe(agent) });
  });

  router.delete('/api/v1/session', async (req, res) => {
    // Like every change made with a session: only from the console's own pages.
    requireSameOrigin(req);
    const tokenHash = sessions.tokenHashOf(req.headers.cookie);
    res.setHeader('Set-Cookie', await sessions.signOut(req.headers.cookie));
    if (tokenHash) consoleSockets?.sessionChanged(tokenHash);
    res.status(204).end();
  });

  return router;
}
