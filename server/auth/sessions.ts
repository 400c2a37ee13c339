/**
 * Sign-in and sessions. The browser holds a random token in an httpOnly, SameSite=Lax cookie; the
 * store keeps only its hash. The same cookie authenticates the console's HTTP calls and its
 * socket. A session belongs to an account and shows one of its sites at a time; it ends at
 * sign-out (of this browser, or everywhere), at a new password (every other browser), or
 * SESSION_HOURS after sign-in, whichever comes first.
 *
 * When PUBLIC_URL is https the cookie is `__Host-peakend_session`: browsers accept a cookie of
 * that name only if it is Secure, has Path=/ and no Domain, so a page on a sibling subdomain
 * (shop.example.com beside chat.example.com) cannot plant one of its own and have the console
 * run as someone else (issue 9, L3). Over https the unprefixed name is never read.
 */
import { parse as parseCookies, serialize } from 'cookie';
import type { SiteChoice } from '../../shared/accounts';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Account, Agent, Session, Store } from '../storage/store';
import { joinableAccounts, joinWithInvite, openInvite } from './invite-accounts';
import { UNUSABLE_HASH, verifyPassword } from './passwords';
import { randomToken, sha256 } from './tokens';

/** The session cookie over http (local development and tests). */
export const SESSION_COOKIE = 'peakend_session';
/** The session cookie over https: the `__Host-` prefix pins it to this host. */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const SESSION_HOURS = 12;

export interface SignedIn {
  session: Session;
  account: Account;
}

/** What a sign-in with the right password leads to. */
export type SignInOutcome =
  | { kind: 'signed-in'; agent: Agent; cookie: string }
  /** The email and password open accounts on several sites: which one? */
  | { kind: 'choose'; sites: SiteChoice[] };

export class Sessions {
  /** The cookie's name: `__Host-` prefixed over https. */
  readonly cookieName: string;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Cookies are marked Secure (and `__Host-` prefixed) when the console is served over HTTPS. */
    private readonly secureCookies: boolean,
  ) {
    this.cookieName = secureCookies ? HOST_SESSION_COOKIE : SESSION_COOKIE;
  }

  /** The hash of this scheme's session token in a Cookie header, if it carries one. */
  tokenHashOf(cookieHeader: string | undefined): string | null {
    const token = cookieHeader ? parseCookies(cookieHeader)[this.cookieName] : undefined;
    return token ? sha256(token) : null;
  }

  /**
   * Null when the email or password is wrong. Otherwise a new session (its cookie, and the agent
   * the person is on the site it shows), or, when the password is that of accounts on several
   * sites and no `siteId` says which, the sites to choose from. Refuses a right password whose
   * accounts belong to no site now (or not to `siteId`).
   *
   * With the secret of an invite link (signing in on its page), the password must be that of
   * the account the invite joins: the invite is accepted and the session shows its site. This is
   * the normal sign-in, with its backoff; the invite only says where it leads. (It also lets
   * someone who belongs to no site any more, and is invited back, in.)
   */
  async signIn(
    email: string,
    password: string,
    choice: { siteId?: string; invite?: string } = {},
  ): Promise<SignInOutcome | null> {
    const opened = await this.authenticate(email, password);
    if (opened.length === 0) return null;
    if (choice.invite !== undefined) return this.signInToJoin(opened, email, choice.invite);

    const memberships = (
      await Promise.all(opened.map((account) => this.store.membershipsOf(account.id)))
    ).flat();
    if (choice.siteId !== undefined) {
      const member = memberships.find((m) => m.siteId === choice.siteId);
      if (!member) throw new Refusal('forbidden', 'Your account has no access to this site.');
      return { kind: 'signed-in', agent: member, cookie: await this.begin(member) };
    }
    const first = memberships[0];
    if (!first) {
      throw new Refusal(
        'forbidden',
        'Your account has no access to any site now. Ask an admin of your site for a new invite.',
      );
    }
    const owners = new Set(memberships.map((m) => m.accountId));
    if (owners.size === 1) {
      return { kind: 'signed-in', agent: first, cookie: await this.begin(first) };
    }
    const sites = await Promise.all(
      memberships.map(async (m) => ({
        siteId: m.siteId,
        siteName: (await this.store.getSite(m.siteId))?.name ?? m.siteId,
      })),
    );
    return { kind: 'choose', sites };
  }

  /** The accounts of the email that the password opens. */
  private async authenticate(email: string, password: string): Promise<Account[]> {
    const accounts = await this.store.accountsByEmail(email);
    // Hash even for an unknown email, so the response time does not reveal which emails exist;
    // several accounts are checked at once, so their number barely shows either.
    const checked = await Promise.all(
      (accounts.length > 0 ? accounts : [null]).map(async (record) => ({
        record,
        ok: await verifyPassword(password, record?.passwordHash ?? UNUSABLE_HASH),
      })),
    );
    return checked.flatMap(({ record, ok }) => (ok && record ? [record.account] : []));
  }

  /** A sign-in from an invite link's page: joins the site if not yet on it, and shows it. */
  private async signInToJoin(
    opened: Account[],
    email: string,
    token: string,
  ): Promise<SignInOutcome | null> {
    const invite = await openInvite(this.store, this.clock, token);
    const joinable = await joinableAccounts(this.store, invite);
    const account = opened.find((a) => joinable.some((j) => j.account.id === a.id));
    // Not the password of an account this invite joins: as wrong as any wrong password.
    if (invite.email !== email || !account) return null;
    const member =
      (await this.store.memberOf(account.id, invite.siteId)) ??
      (await joinWithInvite(this.store, invite, { account }, this.clock.now()));
    return { kind: 'signed-in', agent: member, cookie: await this.begin(member) };
  }

  private begin(member: Agent): Promise<string> {
    if (!member.accountId) throw new Error('a member without an account cannot sign in');
    return this.start(member.accountId, member.siteId);
  }

  /** Starts a session of the account showing one of its sites; the cookie that carries it. */
  async start(accountId: string, siteId: string): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await this.store.createSession({
      tokenHash: sha256(token),
      accountId,
      siteId,
      createdAt: now,
      expiresAt: now + SESSION_HOURS * 3_600_000,
    });
    return this.cookie(token, SESSION_HOURS * 3600);
  }

  /** The session and account of a request's Cookie header, while the session lasts. */
  async signedIn(cookieHeader: string | undefined): Promise<SignedIn | null> {
    const tokenHash = this.tokenHashOf(cookieHeader);
    if (!tokenHash) return null;
    const session = await this.store.getSession(tokenHash, this.clock.now());
    const account = session && (await this.store.getAccount(session.accountId));
    return session && account ? { session, account } : null;
  }

  /** The signed-in person as the agent they are on the site their console shows. */
  async agentFor(cookieHeader: string | undefined): Promise<Agent | null> {
    const signedIn = await this.signedIn(cookieHeader);
    return signedIn ? this.currentMember(signedIn.session) : null;
  }

  /**
   * The session's agent on the site it shows. If their access there was removed, the session
   * moves on to another site of theirs; null when they belong to none.
   */
  async currentMember(session: Session): Promise<Agent | null> {
    const member = await this.store.memberOf(session.accountId, session.siteId);
    if (member) return member;
    const [other] = await this.store.membershipsOf(session.accountId);
    if (other) await this.store.setSessionSite(session.tokenHash, other.siteId);
    return other ?? null;
  }

  /** How long the session has left, in ms (at most what a timer can wait). */
  remaining(session: Session): number {
    return Math.min(Math.max(0, session.expiresAt - this.clock.now()), 2 ** 31 - 1);
  }

  /** Shows another of the person's sites; null if they do not belong to it. */
  async switchSite(session: Session, siteId: string): Promise<Agent | null> {
    const member = await this.store.memberOf(session.accountId, siteId);
    if (member) await this.store.setSessionSite(session.tokenHash, siteId);
    return member;
  }

  /** Ends the session (if any) and returns the cookie that clears it in the browser. */
  async signOut(cookieHeader: string | undefined): Promise<string> {
    const tokenHash = this.tokenHashOf(cookieHeader);
    if (tokenHash) await this.store.deleteSession(tokenHash);
    return this.clearingCookie();
  }

  /** The cookie that clears the session cookie in the browser. */
  clearingCookie(): string {
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAge: number): string {
    // No Domain, Path=/ and (over https) Secure: what the __Host- prefix requires.
    return serialize(this.cookieName, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: '/',
      maxAge,
    });
  }
}
