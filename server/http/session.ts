/** Console sign-in: `POST`, `GET` and `DELETE /api/v1/session`. */
import express, { type Router } from 'express';
import { ZSignIn, type SignedInAgent } from '../../shared/protocol';
import type { Sessions } from '../auth/sessions';
import { Refusal } from '../errors';
import type { Agent, Store } from '../storage/store';
import { parseBody } from './validate';

export function sessionRoutes(store: Store, sessions: Sessions): Router {
  const router = express.Router();

  const describe = async (agent: Agent): Promise<SignedInAgent> => {
    const site = await store.getSite(agent.siteId);
    return {
      id: agent.id,
      name: agent.name,
      email: agent.email ?? '',
      siteId: agent.siteId,
      siteName: site?.name ?? agent.siteId,
      role: agent.role,
    };
  };

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

  router.delete('/api/v1/session', async (req, res) => {
    res.setHeader('Set-Cookie', await sessions.signOut(req.headers.cookie));
    res.status(204).end();
  });

  return router;
}
