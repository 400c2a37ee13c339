/**
 * The history's calls: a page of the site's conversations (the server lists agents only their
 * own work), and the address of the ratings export for a period.
 */
import type { Ack } from '../../shared/ack';
import type { HistoryPage } from '../../shared/history';
import { requestJson, type Fetch } from './http';
import { filterParams, type HistoryFilter } from './historyLink';

export interface HistoryApi {
  conversations(siteId: string, filter: HistoryFilter, cursor?: string): Promise<Ack<HistoryPage>>;
}

export function httpHistoryApi(fetchFn: Fetch = (...args) => fetch(...args)): HistoryApi {
  return {
    conversations(siteId, filter, cursor) {
      const params = filterParams(filter);
      if (cursor) params.set('cursor', cursor);
      const query = params.toString();
      return requestJson<HistoryPage>(
        fetchFn,
        'GET',
        `/api/v1/sites/${encodeURIComponent(siteId)}/conversations${query ? `?${query}` : ''}`,
      );
    },
  };
}

/** The "Export CSV" address: the site's ratings in the period (all of them without one). */
export function exportHref(siteId: string, period: { from?: string; to?: string }): string {
  const params = filterParams({ from: period.from, to: period.to }).toString();
  return `/api/v1/sites/${encodeURIComponent(siteId)}/ratings.csv${params ? `?${params}` : ''}`;
}
