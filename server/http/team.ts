/**
 * A site's team, for its admins (and the admin token): who is on it with which role, invites for
 * new people, role changes and removing access. Removing access keeps the agent and their scores;
 * they can only no longer sign in to this site. A site always keeps at least one admin.
 *
 * Invites are links: the admin copies the link (shown once) and passes it on however their team
 * talks; when Peakend sends email (SMTP_URL) it is also emailed to the invitee. Whether the
 * invited email has an account anywhere is never said here (docs/accounts.md).
 */
import express, { type Router } from 'express';
import {
  ZAgentNaming,
  ZInviteCreate,
  ZMemberChange,
  type InviteView,
  type MemberView,
  type NewInviteView,
} from '../../shared/accounts';
import { ZId } from '../../shared/facts';
import { DAY, iso } from '../../shared/time';
import type { AccountMail } from '../auth/account-mail';
import { newInviteId } from '../auth/ids';
import { randomToken, sha256 } from '../auth/tokens';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { ConsoleSockets } from '../live/access';
import type { Logger } from '../logger';
import type { Agent, Invite, MemberChange, Site } from '../storage/store';
import { siteAccess, type AccessDeps, type Caller } from './caller';
import { parseBody } from './validate';
import { apiRoute } from '../openapi/route';
import { ZAgentView, ZInviteView, ZMemberView, ZNewInviteView } from '../openapi/views';
import { z } from 'zod';

const ADMIN = ['adminToken', 'session'] as const;
const MEMBER_EXAMPLE = {
  agentId: 'agt_7Hc2',
  name: 'Cleo Marsh',
  email: 'cleo@northwind.example',
  role: 'supervisor',
  answersChats: true,
  hasAccess: true,
  you: false,
  createdAt: '2026-11-23T10:00:00.000Z',
} as const;
const AGENT_EXAMPLE = {
  agentId: 'ben.zd@kestrel',
  name: 'Ben Okafor',
  ownName: 'Ben Okafor',
  nameSource: 'team',
  avatarUrl: 'https://cdn.northwind.example/avatars/ben.png',
  memberId: null,
  hasAccess: false,
} as const;
const INVITE_EXAMPLE = {
  inviteId: 'inv_Qm3xT0aZ',
  email: 'cleo@northwind.example',
  role: 'admin',
  agentId: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  expiresAt: '2026-11-30T10:00:00.000Z',
} as const;

/** The routes below, as the OpenAPI document describes them (server/openapi/registry.ts). */
export const TEAM_API = {
  members: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/members',
    tag: 'Team',
    summary: "List the site's team",
    description: 'Every agent the site scores, with or without access to its console.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The members.',
        schema: z.object({ members: z.array(ZMemberView) }),
        example: { members: [MEMBER_EXAMPLE] },
      },
    },
  }),
  changeMember: apiRoute({
    method: 'patch',
    path: '/api/v1/sites/:siteId/members/:agentId',
    tag: 'Team',
    summary: "Change a member's role, or whether they answer chats",
    description:
      'In effect at once. A member who does not answer chats (an admin who only administers) is left out of the live scores and the scores API while they have no observations.',
    auth: ADMIN,
    body: ZMemberChange,
    bodyExample: { role: 'supervisor' },
    responses: {
      200: {
        description: 'The member as they are now.',
        schema: ZMemberView,
        example: MEMBER_EXAMPLE,
      },
    },
    refusals: { 409: "The site's last admin." },
  }),
  removeMember: apiRoute({
    method: 'delete',
    path: '/api/v1/sites/:siteId/members/:agentId',
    tag: 'Team',
    summary: "Remove a member's access",
    description: 'The agent and their scores stay; they can no longer sign in to this site.',
    auth: ADMIN,
    responses: { 204: { description: 'Removed.' } },
    refusals: { 409: "The site's last admin." },
  }),
  invite: apiRoute({
    method: 'post',
    path: '/api/v1/sites/:siteId/invites',
    tag: 'Team',
    summary: 'Invite someone',
    description:
      'The link is shown once, works once, for 7 days. A new invite for the same email replaces the earlier one. `agentId` names an agent the site already scores without an account.',
    auth: ADMIN,
    body: ZInviteCreate,
    bodyExample: { email: 'cleo@northwind.example', role: 'admin' },
    responses: {
      201: {
        description: 'The invite, with its link.',
        schema: ZNewInviteView,
        example: {
          ...INVITE_EXAMPLE,
          link: 'https://chat.example/console/join#Vb7…',
          emailed: false,
        },
      },
    },
    refusals: { 409: "Already on the site's team, or the agent can already sign in." },
  }),
  invites: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/invites',
    tag: 'Team',
    summary: 'List open invites',
    auth: ADMIN,
    responses: {
      200: {
        description: 'Invites not used yet, without links.',
        schema: z.object({ invites: z.array(ZInviteView) }),
        example: { invites: [INVITE_EXAMPLE] },
      },
    },
  }),
  agents: apiRoute({
    method: 'get',
    path: '/api/v1/sites/:siteId/agents',
    tag: 'Team',
    summary: 'List the agent ids the site scores',
    description:
      'Every agent id the site scores (members and ids a helpdesk or the events API brought), with the name each is shown by. For admins and supervisors.',
    auth: ADMIN,
    responses: {
      200: {
        description: 'The agent ids.',
        schema: z.object({ agents: z.array(ZAgentView) }),
        example: {
          agents: [
            AGENT_EXAMPLE,
            {
              agentId: 'agt_7Hc2',
              name: 'Cleo Marsh',
              ownName: 'Cleo Marsh',
              nameSource: 'team',
              avatarUrl: null,
              memberId: null,
              hasAccess: true,
            },
          ],
        },
      },
    },
  }),
  nameAgent: apiRoute({
    method: 'put',
    path: '/api/v1/sites/:siteId/agents/:agentId',
    tag: 'Team',
    summary: 'Name an agent id',
    description:
      'Names an agent id (making it if the site does not score it yet, so it can be named before its first event), and may show it as a member (`memberId`): its scores stay its own. A PUT says all: a picture or member left out is cleared. Events never override a name given here. For admins and supervisors.',
    auth: ADMIN,
    params: z.object({
      agentId: ZId.meta({ description: 'The agent id, as the helpdesk or your events send it.' }),
    }),
    body: ZAgentNaming,
    bodyExample: {
      name: 'Ben Okafor',
      avatarUrl: 'https://cdn.northwind.example/avatars/ben.png',
    },
    responses: {
      200: {
        description: 'The agent id as it is now.',
        schema: ZAgentView,
        example: AGENT_EXAMPLE,
      },
    },
    refusals: {
      400: 'Invalid input, an agent id that is not one, or a `memberId` of no other member of the team.',
      409: 'A member who signs in: their account names them.',
    },
  }),
  revokeInvite: apiRoute({
    method: 'delete',
    path: '/api/v1/sites/:siteId/invites/:inviteId',
    tag: 'Team',
    summary: 'Revoke an invite',
    auth: ADMIN,
    responses: { 204: { description: 'Revoked.' } },
  }),
};

export interface TeamRouteDeps extends AccessDeps {
  clock: Clock;
  publicUrl: string;
  consoleSockets: ConsoleSockets;
  mail: AccountMail;
  log: Logger;
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
  answersChats: agent.answersChats !== false,
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
  const { store, clock, publicUrl, consoleSockets, mail, log } = deps;
  const router = express.Router();

  /**
   * Changes a member with access (by the agent id in the path), never leaving the site without
   * an admin who can sign in: the store checks and writes in one transaction, so two admins
   * demoting each other at once leave one of them admin (issue 9, L5).
   */
  const changeMember = async (site: Site, agentId: string, change: MemberChange) => {
    const parsed = ZId.safeParse(agentId);
    const result = parsed.success
      ? await store.changeMember(site.id, parsed.data, change)
      : ({ outcome: 'not_member' } as const);
    if (result.outcome === 'not_member') {
      throw new Refusal('not_found', `No one on this site's team is "${agentId}".`);
    }
    if (result.outcome === 'last_admin') {
      throw new Refusal(
        'conflict',
        `${result.agent.name} is this site's only admin: make someone else an admin first.`,
      );
    }
    consoleSockets.memberChanged(site.id, result.agent.id);
    return result.agent;
  };

  router.get(TEAM_API.members.path, async (req, res) => {
    const { site, caller } = await siteAccess(req, deps, 'administer');
    res.setHeader('Cache-Control', 'no-store');
    const agents = await store.listAgents(site.id);
    res.json({ members: agents.map((agent) => describeMember(agent, caller)) });
  });

  router.patch(TEAM_API.changeMember.path, async (req, res) => {
    const { site, caller } = await siteAccess(req, deps, 'administer');
    const { role, answersChats } = parseBody(TEAM_API.changeMember.body, req.body);
    const agentId = String(req.params.agentId);
    // The schema asks for one of the two at least; both may come, the role first.
    const roleChanged = role === undefined ? null : await changeMember(site, agentId, { role });
    const changed =
      answersChats === undefined && roleChanged
        ? roleChanged
        : await changeMember(site, agentId, { answersChats: answersChats ?? true });
    res.json(describeMember(changed, caller));
  });

  router.delete(TEAM_API.removeMember.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    // The agent stays, with their scores; only the account's way into this site goes.
    await changeMember(site, String(req.params.agentId), { remove: true });
    res.status(204).end();
  });

  /**
   * Every agent id the site scores, and the name each is shown by: for naming the ids a helpdesk
   * or the events API brought (issue 12, §4). Supervisors see who they supervise.
   */
  router.get(TEAM_API.agents.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'supervise');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ agents: await store.listAgentNames(site.id) });
  });

  /**
   * Names an agent id (made if the site does not score it yet, so it can be named before its
   * first event), and may link it to a member: it is then shown by the member's name. Events
   * never override a name given here. A member who signs in is named by their account.
   */
  router.put(TEAM_API.nameAgent.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'supervise');
    const agentId = ZId.safeParse(String(req.params.agentId));
    if (!agentId.success) {
      throw new Refusal('invalid', 'agentId: use letters, digits and . _ : @ - only');
    }
    const naming = parseBody(TEAM_API.nameAgent.body, req.body);
    const result = await store.nameAgent(
      site.id,
      agentId.data,
      {
        name: naming.name,
        avatarUrl: naming.avatarUrl ?? null,
        memberId: naming.memberId ?? null,
      },
      clock.now(),
    );
    if (result.outcome === 'has_access') {
      throw new Refusal(
        'conflict',
        `${result.agent.name} signs in to this site: their account names them.`,
      );
    }
    if (result.outcome === 'no_member') {
      throw new Refusal(
        'invalid',
        `memberId: no other member of this site's team is "${naming.memberId}".`,
      );
    }
    res.json(result.agent);
  });

  router.post(TEAM_API.invite.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    const input = parseBody(TEAM_API.invite.body, req.body);
    if (input.agentId !== undefined) {
      const agent = await store.getAgent(site.id, input.agentId);
      if (!agent) throw new Refusal('not_found', `This site scores no agent "${input.agentId}".`);
      if (agent.accountId) {
        throw new Refusal('conflict', `${agent.name} can already sign in to this site.`);
      }
    }
    // Only this site's own team is looked at: whether the email has an account elsewhere is
    // none of this admin's business, and the answer must not tell.
    const onTeam = (await store.listAgents(site.id)).some(
      (agent) => agent.accountId !== null && agent.email === input.email,
    );
    if (onTeam) throw new Refusal('conflict', `${input.email} is already on this site's team.`);
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
    // The link is shown once, here; only its hash is kept. With email, it is also sent.
    const link = inviteLink(publicUrl, token);
    const emailed = await mail
      .sendInvite({ ...invite, siteName: site.name, link })
      .catch((error: unknown) => {
        log.error('could not email an invite', error);
        return false;
      });
    const created: NewInviteView = { ...describeInvite(invite), link, emailed };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.get(TEAM_API.invites.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ invites: (await store.listInvites(site.id, clock.now())).map(describeInvite) });
  });

  router.delete(TEAM_API.revokeInvite.path, async (req, res) => {
    const { site } = await siteAccess(req, deps, 'administer');
    if (!(await store.deleteInvite(site.id, String(req.params.inviteId)))) {
      throw new Refusal('not_found', 'No such invite: it was used, revoked or has expired.');
    }
    res.status(204).end();
  });

  return router;
}
