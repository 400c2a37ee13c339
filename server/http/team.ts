/**
 * A site's team, for its admins (and the admin token): who is on it with which role, invites for
 * new people, role changes and removing access. Removing access keeps the agent and their scores;
 * they can only no longer sign in to this site. A site always keeps at least one admin.
 *
 * Invites are links, not emails: Peakend sends no mail, so the admin copies the link (shown once)
 * and passes it on however their team talks. See docs/accounts.md.
 */
import express, { type Router } from 'express';
import {
  ZInviteCreate,
  ZMemberChange,
  type InviteView,
  type MemberView,
  type NewInviteView,
} from '../../shared/accounts';
import { ZId } from '../../shared/facts';
import { DAY, iso } from '../../shared/time';
import { newInviteId } from '../auth/ids';
import { randomToken, sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { ConsoleSockets } from '../live/access';
import type { Agent, Invite, Site } from '../storage/store';
import { siteAccess, type AccessDeps, type Caller } from './caller';
import { parseBody } from './validate';

export interface TeamRouteDeps extends AccessDeps {
  clock: Clock;
  publicUrl: string;
  consoleSockets: ConsoleSockets;
}

/** How long an invite link works. */
export const INVITE_DAYS = 7;

/** Where an invite link leads: the console's join page, the secret after `#` so it never reaches
 * a server log or a Referer header. */
export const inviteLink = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}/console/join#${token}`;

const describeMember = (agent: Agent, caller: Caller): MemberView => ({
  agentId: agent.id,
  name: agent.name,
  email: agent.email,
  role: agent.role,
  hasAccess: agent.accountId !== null,
  you: caller.kind === 'member' && caller.member.id === agent.id,
  createdAt: iso(agent.createdAt),
});

const describeInvite = (invite: Invite): InviteView => ({
  inviteId: invite.id,
  email: invite.email,
  role: invite.role,
  agentId: invite.agentId,
  createdAt: iso(invite.createdAt),
  expiresAt: iso(invite.expiresAt),
});

export function teamRoutes(deps: TeamRouteDeps): Router {
  const { store, clock, publicUrl, consoleSockets } = deps;
  const router = express.Router();

  /** A member with access, by the agent id in the path. */
  const memberWithAccess = async (site: Site, agentId: string): Promise<Agent> => {
    const parsed = ZId.safeParse(agentId);
    const agent = parsed.success ? await store.getAgent(site.id, parsed.data) : null;
    if (!agent?.accountId) {
      throw new Refusal('not_found', `No one on this site's team is "${agentId}".`);
    }
    return agent;
  };

  /** Refuses to leave the site without an admin who can sign in. */
  const keepAnAdmin = async (site: Site, changing: Agent) => {
    if (changing.role !== 'admin') return;
    const admins = (await store.listAgents(site.id)).filter(
      (a) => a.role === 'admin' && a.accountId !== null && a.id !== changing.id,
    );
    if (admins.length === 0) {
      throw new Refusal(
        'conflict',
        `${changing.name} is this site's only admin: make someone else an admin first.`,
      );
    }
  };

  router.get('/api/v1/sites/:siteId/members', async (req, res) => {
    const { site, caller } = await siteAccess(req, deps, 'administer');
    res.setHeader('Cache-Control', 'no-store');
    const agents = await store.listAgents(site.id);
    res.json({ members: agents.map((agent) => describeMember(agent, caller)) });
  });

  router.patch('/api/v1/sites/:siteId/members/:agentId', async (req, res) => {
    const { site, caller } = await siteAccess(req, deps, 'administer');
    const { role } = parseBody(ZMemberChange, req.body);
    const member = await memberWithAccess(site, String(req.params.agentId));
    if (role !== 'admin') await keepAnAdmin(site, member);
    const changed: Agent = { ...member, role };
    await store.saveAgent(changed);
    consoleSockets.memberChanged(site.id, member.id);
    res.json(describeMember(changed, caller));
  });

  router.delete('/api/v1/sites/:siteId/members/:agentId', async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const member = await memberWithAccess(site, String(req.params.agentId));
    await keepAnAdmin(site, member);
    // The agent stays, with their scores; only the account's way into this site goes.
    await store.saveAgent({ ...member, accountId: null, email: null, role: 'agent' });
    consoleSockets.memberChanged(site.id, member.id);
    res.status(204).end();
  });

  router.post('/api/v1/sites/:siteId/invites', async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const input = parseBody(ZInviteCreate, req.body);
    if (input.agentId !== undefined) {
      const agent = await store.getAgent(site.id, input.agentId);
      if (!agent) throw new Refusal('not_found', `This site scores no agent "${input.agentId}".`);
      if (agent.accountId) {
        throw new Refusal('conflict', `${agent.name} can already sign in to this site.`);
      }
    }
    const existing = await store.findCredentials(input.email);
    if (existing && (await store.memberOf(existing.account.id, site.id))) {
      throw new Refusal('conflict', `${input.email} is already on this site's team.`);
    }
    const now = clock.now();
    // A new invite for the same person replaces any earlier one: only the latest link works.
    for (const earlier of await store.listInvites(site.id, now)) {
      if (earlier.email === input.email) await store.deleteInvite(site.id, earlier.id);
    }
    const token = randomToken(24);
    const invite: Invite = {
      id: newInviteId(),
      tokenHash: sha256(token),
      siteId: site.id,
      email: input.email,
      role: input.role,
      agentId: input.agentId ?? null,
      createdAt: now,
      expiresAt: now + INVITE_DAYS * DAY,
    };
    await store.createInvite(invite);
    // The link is shown once, here; only its hash is kept.
    const created: NewInviteView = {
      ...describeInvite(invite),
      link: inviteLink(publicUrl, token),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.get('/api/v1/sites/:siteId/invites', async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ invites: (await store.listInvites(site.id, clock.now())).map(describeInvite) });
  });

  router.delete('/api/v1/sites/:siteId/invites/:inviteId', async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    if (!(await store.deleteInvite(site.id, String(req.params.inviteId)))) {
      throw new Refusal('not_found', 'No such invite: it was used, revoked or has expired.');
    }
    res.status(204).end();
  });

  return router;
}
