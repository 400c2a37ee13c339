/**
 * The console's JSON calls to its own server (same origin, with the session cookie), answered
 * in the sockets' envelope: `{ok: true, data}` or `{ok: false, error}` with the server's own
 * message and issues, so components show refusals the same way whichever way they came.
 */
import type { Ack, AckError } from '../../shared/ack';
import { en } from './i18n/en';

export type Fetch = typeof fetch;

/** In English; errors.ts words it in the language shown. */
const UNREACHABLE: AckError = { code: 'internal', message: en.shell.errors.unreachable };

function refusal(status: number, body: unknown): AckError {
  const error = (body as { error?: Partial<AckError> } | null)?.error;
  if (error && typeof error.message === 'string' && typeof error.code === 'string') {
    return error as AckError;
  }
  return { code: 'internal', message: `The server answered HTTP ${status}. Please try again.` };
}

export async function requestJson<T>(
  fetchFn: Fetch,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<Ack<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  return response.ok
    ? { ok: true, data: parsed as T }
    : { ok: false, error: refusal(response.status, parsed) };
}
