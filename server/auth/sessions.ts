/**
 * Agent sign-in and sessions. The browser holds a random token in an httpOnly cookie; the store
 * keeps only its hash. The same cookie authenticates the console's HTTP calls and its socket.
 */
import { parse as parseCookies, serialize } from 'cookie';
import type { Clock } from '../clock';
import type { Agent, Store } from '../storage/store';
import { UNUSABLE_HASH, verifyPassword } from './passwords';
import { randomToken, sha256 } from './tokens';

export const SESSION_COOKIE = 'peakend_session';
const SESSION_HOURS = 12;

export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Cookies are marked Secure when the console is served over HTTPS. */
    private readonly secureCookies: boolean,
  ) {}

  /** The new session's cookie, or null when the email or password is wrong. */
  async signIn(email: string, password: string): Promise<{ agent: Agent; cookie: string } | null> {
    const credentials = await this.store.findCredentials(email);
    // Hash even for an unknown email, so the response time does not reveal which emails exist.
    const ok = await verifyPassword(password, credentials?.passwordHash ?? UNUSABLE_HASH);
    if (!credentials || !ok) return null;
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = now + SESSION_HOURS * 3_600_000;
    await this.store.createSession({
      tokenHash: sha256(token),
      siteId: credentials.agent.siteId,
      agentId: credentials.agent.id,
      createdAt: now,
      expiresAt,
    });
    return { agent: credentials.agent, cookie: this.cookie(token, SESSION_HOURS * 3600) };
  }

  /** The signed-in agent for a request's Cookie header, if the session is valid. */
  async agentFor(cookieHeader: string | undefined): Promise<Agent | null> {
    const token = cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined;
    if (!token) return null;
    const session = await this.store.getSession(sha256(token), this.clock.now());
    return session ? this.store.getAgent(session.siteId, session.agentId) : null;
  }

  /** Ends the session (if any) and returns the cookie that clears it in the browser. */
  async signOut(cookieHeader: string | undefined): Promise<string> {
    const token = cookieHeader ? parseCookies(cookieHeader)[SESSION_COOKIE] : undefined;
    if (token) await this.store.deleteSession(sha256(token));
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
