/**
 * The console's HTTP calls: sign in, who am I, sign out (`/api/v1/session`, same origin; the
 * server answers with an httpOnly cookie that also authenticates the socket).
 */
import type { SiteChoice } from '../../shared/accounts';
import type { SignedInAgent } from '../../shared/protocol';

export type SignInResult =
  | { ok: true; agent: SignedInAgent }
  | { ok: false; message: string }
  /** The email and password open accounts on several sites: sign in again naming one. */
  | { ok: false; message: string; chooseSite: SiteChoice[] };

export interface SessionApi {
  /** The signed-in agent, or null when there is no valid session. */
  current(): Promise<SignedInAgent | null>;
  /**
   * Signs in; `siteId` once the server asked which site, `invite` on an invite link's page
   * (signing in with the invited account then joins its site).
   */
  signIn(
    email: string,
    password: string,
    choice?: { siteId?: string; invite?: string },
  ): Promise<SignInResult>;
  signOut(): Promise<void>;
}

const SESSION_URL = '/api/v1/session';
const UNREACHABLE = 'The server cannot be reached. Check your connection and try again.';

/** The `{ error: { message } }` body of a refused request, or a sensible fallback. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message === 'string' && message) return message;
  } catch {
    // Not JSON: fall through.
  }
  return response.status === 401
    ? 'Wrong email or password.'
    : `Signing in failed (HTTP ${response.status}). Please try again.`;
}

function agentOf(body: unknown): SignedInAgent | null {
  const agent = (body as { agent?: SignedInAgent } | null)?.agent;
  return agent && typeof agent.id === 'string' ? agent : null;
}

function choiceOf(body: unknown): SiteChoice[] | null {
  const sites = (body as { chooseSite?: SiteChoice[] } | null)?.chooseSite;
  return Array.isArray(sites) && sites.length > 0 ? sites : null;
}

export function httpSessionApi(fetchFn: typeof fetch = (...args) => fetch(...args)): SessionApi {
  const call = (init: RequestInit) =>
    fetchFn(SESSION_URL, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...init,
    });

  return {
    async current() {
      const response = await call({ method: 'GET' });
      if (!response.ok) return null;
      return agentOf(await response.json());
    },

    async signIn(email, password, choice = {}) {
      let response: Response;
      try {
        const body = {
          email,
          password,
          ...(choice.siteId !== undefined && { siteId: choice.siteId }),
          ...(choice.invite !== undefined && { invite: choice.invite }),
        };
        response = await call({ method: 'POST', body: JSON.stringify(body) });
      } catch {
        return { ok: false, message: UNREACHABLE };
      }
      if (!response.ok) return { ok: false, message: await errorMessage(response) };
      const body: unknown = await response.json().catch(() => null);
      const agent = agentOf(body);
      if (agent) return { ok: true, agent };
      const chooseSite = choiceOf(body);
      return chooseSite
        ? {
            ok: false,
            message: 'Your email has an account on several sites: choose one.',
            chooseSite,
          }
        : { ok: false, message: 'The server sent an unexpected answer. Please try again.' };
    },

    async signOut() {
      await call({ method: 'DELETE' });
    },
  };
}
