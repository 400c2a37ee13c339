/**
 * The console's addresses of its history (the "Conversations" section), so any view can link to
 * the conversations behind a figure: `#conversations?agent=ben&from=2026-03-01&to=2026-03-08`.
 * Parameters are the API's (docs/api.md, GET …/conversations) plus `open`, a conversation to
 * show. A link is an ordinary `href`: the workspace follows the address when it changes.
 */

export interface HistoryFilter {
  q?: string;
  status?: 'open' | 'closed';
  agent?: string;
  /** Ends from 1 to 5 and `none`, comma-separated, as the API takes them. */
  rating?: string;
  comment?: 'true' | 'false';
  /** A segment's name; empty: conversations without one. */
  segment?: string;
  /** ISO dates or times, as the API takes them. */
  from?: string;
  to?: string;
}

export interface HistoryTarget {
  filter: HistoryFilter;
  /** A conversation to show at once. */
  open?: string;
}

const KEYS = ['q', 'status', 'agent', 'rating', 'comment', 'segment', 'from', 'to'] as const;

/** The filter as query parameters (only those set), for the API and for addresses alike. */
export function filterParams(filter: HistoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value !== undefined) params.set(key, value);
  }
  return params;
}

/** The address of the history filtered so, optionally showing one conversation. */
export function historyHash(filter: HistoryFilter, open?: string): string {
  const params = filterParams(filter);
  if (open) params.set('open', open);
  const query = params.toString();
  return `#conversations${query ? `?${query}` : ''}`;
}

/** What an address asks of the history; null when it is not the history's. */
export function historyTarget(hash: string): HistoryTarget | null {
  const match = /^#conversations(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  const params = new URLSearchParams(match[1] ?? '');
  const filter: HistoryFilter = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null) continue;
    if (key === 'status') {
      if (value === 'open' || value === 'closed') filter.status = value;
    } else if (key === 'comment') {
      if (value === 'true' || value === 'false') filter.comment = value;
    } else {
      filter[key] = value;
    }
  }
  return { filter, open: params.get('open') ?? undefined };
}
