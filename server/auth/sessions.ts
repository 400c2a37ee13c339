/**
 * Sign-in and sessions. The browser holds a random token in an httpOnly, SameSite=Lax cookie
 * (Secure when PUBLIC_URL is https); the store keeps only its hash. The same cookie authenticates
 * the console's HTTP calls and its socket. A session belongs to an account and shows one of its
 * sites at a time; it ends at sign-out, or SESSION_HOURS after sign-in, whichever comes first.
 */
import { parse as parseCookies, serialize } from 'cookie';
import type { Clock } from '../clock';
import { Refusal } from '../errors';
import type { Account, Agent, Session, Store } from '../storage/store';
import { UNUSABLE_HASH, verifyPassword } from './passwords';
import { randomToken, sha256 } from './tokens';

export const SESSION_COOKIE = 'peakend_session';
export const SESSION_HOURS = 12;

export interface SignedIn {
  session: Session;
  account: Account;
}

/** The hash of the session token in a Cookie header, if it carries one. */
export function sessionTokenHash(cookieHeader: string | undefined): string | null {
  const token = cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined;
  return token ? sha256(token) : null;
}

export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Cookies are marked Secure when the console is served over HTTPS. */
    private readonly secureCookies: boolean,
  ) {}

  /**
   * The new session's cookie and the agent the person is on their first site, or null when the
   * email or password is wrong. Refuses a right password whose account belongs to no site now.
   */
  async signIn(email: string, password: string): Promise<{ agent: Agent; cookie: string } | null> {
    const credentials = await this.store.findCredentials(email);
    // Hash even for an unknown email, so the response time does not reveal which emails exist.
    const ok = await verifyPassword(password, credentials?.passwordHash ?? UNUSABLE_HASH);
    if (!credentials || !ok) return null;
    const [first] = await this.store.membershipsOf(credentials.account.id);
    if (!first) {
      throw new Refusal(
        'forbidden',
        'Your account has no access to any site now. Ask an admin of your site for a new invite.',
      );
    }
    return { agent: first, cookie: await this.start(credentials.account.id, first.siteId) };
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
    const tokenHash = sessionTokenHash(cookieHeader);
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
    const tokenHash = sessionTokenHash(cookieHeader);
    if (tokenHash) await this.store.deleteSession(tokenHash);
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAge: number): string {
    return serialize(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: '/',
      maxAge,
    });
  }
}
