/**
 * The console's HTTP calls: sign in, who am I, sign out (`/api/v1/session`, same origin; the
 * server answers with an httpOnly cookie that also authenticates the socket).
 */
import type { ErrorCode } from '../../shared/ack';
import type { SiteChoice } from '../../shared/accounts';
import type { SignedInAgent } from '../../shared/protocol';
import { en } from './i18n/en';

export type SignInResult =
  | { ok: true; agent: SignedInAgent }
  /** Refused: the server's words (English) and, when known, its code (errors.ts words it). */
  | { ok: false; message: string; code?: ErrorCode }
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
/** In English; errors.ts words it in the language shown. */
const UNREACHABLE = en.shell.errors.unreachable;

/** The `{ error: { code, message } }` body of a refused request, or a sensible fallback. */
async function refusal(response: Response): Promise<{ message: string; code: ErrorCode }> {
  const code: ErrorCode = response.status === 401 ? 'unauthorized' : 'internal';
  try {
    const body: unknown = await response.json();
    const error = (body as { error?: { message?: unknown; code?: unknown } } | null)?.error;
    if (typeof error?.message === 'string' && error.message) {
      // The code as the server said it; errors.ts shows a code it does not know in its words.
      return {
        message: error.message,
        code: typeof error.code === 'string' ? (error.code as ErrorCode) : code,
      };
    }
  } catch {
    // Not JSON: fall through.
  }
  return response.status === 401
    ? { message: 'Wrong email or password.', code }
    : { message: `Signing in failed (HTTP ${response.status}). Please try again.`, code };
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
        return { ok: false, message: UNREACHABLE, code: 'internal' };
      }
      if (!response.ok) return { ok: false, ...(await refusal(response)) };
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
        : {
            ok: false,
            message: 'The server sent an unexpected answer. Please try again.',
            code: 'internal',
          };
    },

    async signOut() {
      await call({ method: 'DELETE' });
    },
  };
}
