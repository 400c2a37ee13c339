/**
 * Accounts, roles and invites, as the console and the team API exchange them.
 *
 * A person signs in with one account (email and password) and holds one role on each site they
 * belong to: agent, supervisor or admin. Admins bring people in with an invite link: single use,
 * valid for a week, shown once to the admin, who passes it on (and emailed, when Peakend sends
 * email). Whoever opens it chooses their own password, or, with an account already, signs in as
 * usual and accepts with their session: an invite link never takes an existing account's password.
 */
import { z } from 'zod';
import { ZAvatarUrl, ZEmail, ZId, ZName } from './facts';
import { LIMITS } from './limits';
import { ROLES, type Role } from './roles';

export { ROLES, type Role };
export const ZRole = z.enum(ROLES);

export { ZEmail };
export const ZPersonName = ZName;

/** A password a person chooses: long enough to resist guessing, short enough to hash cheaply. */
export const ZNewPassword = z
  .string()
  .min(LIMITS.passwordMinLength, `must be at least ${LIMITS.passwordMinLength} characters`)
  .max(LIMITS.passwordLength);

/** An invite link's secret, as the link carries it (base64url). */
export const ZInviteToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not an invite token');

/** `POST /api/v1/sites/:siteId/invites`. */
export const ZInviteCreate = z.strictObject({
  email: ZEmail,
  role: ZRole,
  /**
   * An agent the site already scores but who cannot sign in (known from a helpdesk's events, or
   * whose access was removed): the invitee signs in as that agent and keeps their scores.
   */
  agentId: ZId.optional(),
});
export type InviteCreate = z.input<typeof ZInviteCreate>;

/**
 * Where an agent's name comes from: its id (nothing named it yet), an event that carried a name
 * (the latest by the event's time wins), or the site's team (the agents API, an invite, an
 * account), which events never override.
 */
export const AGENT_NAME_SOURCES = ['id', 'event', 'team'] as const;
export type AgentNameSource = (typeof AGENT_NAME_SOURCES)[number];

/**
 * `PUT /api/v1/sites/:siteId/agents/:agentId`: the name (and picture) the site's team gives an
 * agent id, e.g. one a helpdesk uses, and optionally the member it is shown as. A PUT says all:
 * what it leaves out (a picture, a member) is cleared.
 */
export const ZAgentNaming = z.strictObject({
  name: ZName,
  avatarUrl: ZAvatarUrl.nullable().optional(),
  /** The agent id of a member of the site (one who signs in): the id is shown by their name. */
  memberId: ZId.nullable().optional(),
});
export type AgentNaming = z.input<typeof ZAgentNaming>;

/** An agent id as the agents API lists it. */
export interface AgentView {
  agentId: string;
  /** What Peakend shows for it everywhere: the linked member's name, or its own. */
  name: string;
  /** Its own name: its id until an event or the team names it. */
  ownName: string;
  nameSource: AgentNameSource;
  avatarUrl: string | null;
  /** The member it is shown as; its scores stay its own (docs/api.md, "Agents"). */
  memberId: string | null;
  /** Whether it is a member who signs in (named by their account). */
  hasAccess: boolean;
}

/**
 * `PATCH /api/v1/sites/:siteId/members/:agentId`: a new role, whether they answer chats (one
 * who does not is left out of the scores while they have no observations), or both.
 */
export const ZMemberChange = z
  .strictObject({ role: ZRole.optional(), answersChats: z.boolean().optional() })
  .refine((change) => change.role !== undefined || change.answersChats !== undefined, {
    message: 'Say what changes: role, answersChats or both',
  });

/**
 * `POST /api/v1/invites/lookup`, and the token of every other call about one link: in the body,
 * never in the path, so no proxy's request log keeps it.
 */
export const ZInviteRef = z.strictObject({ token: ZInviteToken });

/**
 * `POST /api/v1/invites/accept`: a new person names themselves and chooses a password; someone
 * whose account the invite joins sends neither, and is signed in already (docs/accounts.md).
 */
export const ZInviteAccept = z.strictObject({
  token: ZInviteToken,
  name: ZPersonName.optional(),
  password: z.string().min(1, 'must not be empty').max(LIMITS.passwordLength).optional(),
});
export type InviteAccept = z.input<typeof ZInviteAccept>;
/** What the invitee answers on the join page: the body of an accept without the token. */
export type InviteAnswer = Omit<InviteAccept, 'token'>;

/** `POST /api/v1/account/password`: the current password, and the new one. */
export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1, 'must not be empty').max(LIMITS.passwordLength),
  newPassword: ZNewPassword,
});
export type PasswordChange = z.input<typeof ZPasswordChange>;

/** `POST /api/v1/account/verify`: the secret of a link that confirms an account's email. */
export const ZVerification = z.strictObject({ token: ZInviteToken });

/** One site to sign in to, when an email and password open accounts on several. */
export interface SiteChoice {
  siteId: string;
  siteName: string;
}

/**
 * `POST /api/v1/session`'s answer when the email and password are those of several accounts
 * (one per site): which site? Sent again with `siteId`. Only the password's holder sees it.
 */
export interface SignInChoice {
  chooseSite: SiteChoice[];
}

/** `PATCH /api/v1/session`: which of one's sites the console shows. */
export const ZSiteChoice = z.strictObject({ siteId: ZId });

/** Someone on a site's team, or an agent the site scores who cannot sign in. */
export interface MemberView {
  agentId: string;
  name: string;
  /** The account's email; null for an agent without sign-in. */
  email: string | null;
  role: Role;
  /** Whether they answer chats; one who does not is left out of the scores until they do. */
  answersChats: boolean;
  /** Whether they can sign in to this site's console. */
  hasAccess: boolean;
  /** The admin looking at the list. */
  you: boolean;
  createdAt: string;
}

/** An invite not yet used. */
export interface InviteView {
  inviteId: string;
  email: string;
  role: Role;
  /** The scored agent the invitee will sign in as; null for a new agent. */
  agentId: string | null;
  createdAt: string;
  expiresAt: string;
}

/**
 * A new invite: with its link, shown this once (only its hash is kept), and whether it was also
 * emailed to the invitee (only when Peakend sends email: SMTP_URL; the server always says).
 */
export type NewInviteView = InviteView & { link: string; emailed?: boolean };

/** What an invite link offers, for whoever holds it. */
export interface InviteLookup {
  siteName: string;
  email: string;
  role: Role;
  /**
   * An account this invite joins exists: its owner signs in as usual, then accepts. Only the
   * link's holder learns this (docs/accounts.md); false: a new account is made for this site.
   */
  accountExists: boolean;
  expiresAt: string;
}
