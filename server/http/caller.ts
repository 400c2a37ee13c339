/**
 * Who is calling a site's management routes, and whether they may. Two credentials:
 *   - the admin token (the operator of this server, for every site), as `Authorization: Bearer`;
 *   - a console session of a member of that site whose role allows it (server/auth/roles.ts).
 * A request with an Authorization header is judged by that header alone, never by its cookies.
 */
import type { Request } from 'express';
import type { SignedIn, Sessions } from '../auth/sessions';
import { may, type Capability } from '../auth/roles';
import { Refusal } from '../errors';
import type { Agent, Site, Store } from '../storage/store';
import { requireAdmin } from './bearer';
import { requireSameOrigin } from './same-origin';

export interface AccessDeps {
  store: Store;
  sessions: Sessions;
  /** SHA-256 of PEAKEND_ADMIN_TOKEN; null when the admin token is off. */
  adminTokenHash: string | null;
}

export type Caller = { kind: 'operator' } | { kind: 'member'; signedIn: SignedIn; member: Agent };

const NOT_ALLOWED: Record<Capability, string> = {
  work: "Only the site's team may do this.",
  supervise: "Only the site's supervisors and admins may do this.",
  administer: "Only the site's admins may do this.",
};

/** A console session; refuses none, and a change sent from another site's page. */
export async function requireSignedIn(req: Request, sessions: Sessions): Promise<SignedIn> {
  const signedIn = await sessions.signedIn(req.headers.cookie);
  if (!signedIn) {
    throw new Refusal(
      'unauthorized',
      'Sign in to the console first, or send the admin token as "Authorization: Bearer <token>".',
    );
  }
  requireSameOrigin(req);
  return signedIn;
}

/**
 * The site of `req.params.siteId`, for the admin token or a signed-in member of the site with the
 * role the capability needs. A member of other sites only is told the same whether the site
 * exists or not: which sites exist is no business of other teams.
 */
export async function siteAccess(
  req: Request,
  deps: AccessDeps,
  capability: Capability,
): Promise<{ site: Site; caller: Caller }> {
  const siteId = String(req.params.siteId);
  if (req.headers.authorization !== undefined) {
    requireAdmin(req, deps.adminTokenHash);
    return { site: await existingSite(deps.store, siteId), caller: { kind: 'operator' } };
  }
  const signedIn = await requireSignedIn(req, deps.sessions);
  const member = await deps.store.memberOf(signedIn.account.id, siteId);
  if (!member) throw new Refusal('forbidden', 'Your account has no access to this site.');
  if (!may(member.role, capability)) throw new Refusal('forbidden', NOT_ALLOWED[capability]);
  return {
    site: await existingSite(deps.store, siteId),
    caller: { kind: 'member', signedIn, member },
  };
}

/** The admin token, or a signed-in admin of any site: who may create a site. */
export async function siteCreator(req: Request, deps: AccessDeps): Promise<Caller> {
  if (req.headers.authorization !== undefined) {
    requireAdmin(req, deps.adminTokenHash);
    return { kind: 'operator' };
  }
  const signedIn = await requireSignedIn(req, deps.sessions);
  const memberships = await deps.store.membershipsOf(signedIn.account.id);
  const member = memberships.find((m) => may(m.role, 'administer'));
  if (!member) throw new Refusal('forbidden', 'Only admins may create sites.');
  return { kind: 'member', signedIn, member };
}

export async function existingSite(store: Store, siteId: string): Promise<Site> {
  const site = await store.getSite(siteId);
  if (!site) throw new Refusal('not_found', `No site "${siteId}".`);
  return site;
}
