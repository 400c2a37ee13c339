/**
 * Console sign-in: `POST` (sign in), `GET` (who am I), `PATCH` (show another of my sites) and
 * `DELETE /api/v1/session` (sign out, which also disconnects the session's console sockets).
 */
import express, { type Router } from 'express';
import { ZSiteChoice } from '../../shared/accounts';
import { ZSignIn } from '../../shared/protocol';
import { sessionTokenHash, type Sessions } from '../auth/sessions';
import { signedInView } from '../auth/signed-in';
import { Refusal } from '../errors';
import type { ConsoleSockets } from '../live/access';
import type { Agent, Store } from '../storage/store';
import { requireSignedIn } from './caller';
import { parseBody } from './validate';
import { requireSameOrigin } from './same-origin';

export function sessionRoutes(
  store: Store,
  sessions: Sessions,
  consoleSockets?: ConsoleSockets,
): Router {
  const router = express.Router();

  const describe = (agent: Agent) => signedInView(store, agent);

  router.post('/api/v1/session', async (req, res) => {
    const { email, password } = parseBody(ZSignIn, req.body);
    const signedIn = await sessions.signIn(email, password);
    if (!signedIn) throw new Refusal('unauthorized', 'Wrong email or password.');
    res.setHeader('Set-Cookie', signedIn.cookie);
    res.json({ agent: await describe(signedIn.agent) });
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
    const tokenHash = sessionTokenHash(req.headers.cookie);
    res.setHeader('Set-Cookie', await sessions.signOut(req.headers.cookie));
    if (tokenHash) consoleSockets?.sessionChanged(tokenHash);
    res.status(204).end();
  });

  return router;
}
