/**
 * The little the widget keeps in the visitor's browser, per site, in localStorage. Every access
 * sits in try/catch: storage may be blocked (private modes, third-party restrictions, a full
 * quota), and then the widget works for the page it is on and remembers nothing.
 *
 * Kept (key `peakend:<site>:<name>`):
 *   - `visitor`: the signed visitor token, to be recognised on the next page view;
 *   - `outbox`:  rating steps not yet acknowledged by the server (see outbox.ts);
 *   - `due`:     until when the next page view should start the widget by itself (a time in ms,
 *                compared by the loader as text > Date.now()): a conversation is going on, a rating
 *                is due, or the outbox is not empty;
 *   - `asked`:   the conversation whose rating card was last shown, so it pops up only once;
 *   - `seen`:    the last agent reply the visitor saw, so replies missed on one page are unread
 *                on the next.
 * Not kept: the conversation itself, which the server sends again on every connection.
 */
export type StoredName = 'visitor' | 'outbox' | 'due' | 'asked' | 'seen';

const keyOf = (site: string, name: StoredName) => `peakend:${site}:${name}`;

export function readStored(site: string, name: StoredName): string | null {
  try {
    return localStorage.getItem(keyOf(site, name));
  } catch {
    return null;
  }
}

/** Writes `value`, or removes the entry for null. */
export function writeStored(site: string, name: StoredName, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(keyOf(site, name));
    else localStorage.setItem(keyOf(site, name), value);
  } catch {
    // Blocked or full: this page keeps working without it.
  }
}
