/**
 * The admin screens' calls for one visitor's data (`/api/v1/sites/:siteId/visitors`,
 * docs/operations.md): find a visitor's id (by the site's user id, or by a conversation), and erase a visitor's data. The
 * export is a plain download link (`exportUrl`), so the browser saves the file itself. The
 * server decides who may: these answer 403 for anyone but the site's admins.
 */
import type { Ack } from '../../shared/ack';
import type { VisitorErased, VisitorFound } from '../../shared/visitor-data';
import { requestJson, type Fetch } from './http';

export interface VisitorDataApi {
  /**
   * The visitor id of a user the host page identifies, or of a conversation's visitor, and how
   * many conversations they have.
   */
  find(
    siteId: string,
    by: { userId: string } | { conversationId: string },
  ): Promise<Ack<VisitorFound>>;
  /** Redacts the visitor's conversations; cannot be undone. */
  erase(siteId: string, visitorId: string): Promise<Ack<VisitorErased>>;
  /** Where the visitor's data downloads as JSON. */
  exportUrl(siteId: string, visitorId: string): string;
}

const visitors = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}/visitors`;
const visitor = (siteId: string, visitorId: string) =>
  `${visitors(siteId)}/${encodeURIComponent(visitorId)}`;

export function httpVisitorDataApi(fetchFn: Fetch = (...args) => fetch(...args)): VisitorDataApi {
  return {
    find: (siteId, by) =>
      requestJson(fetchFn, 'GET', `${visitors(siteId)}?${new URLSearchParams(by)}`),
    erase: (siteId, visitorId) =>
      requestJson(fetchFn, 'POST', `${visitor(siteId, visitorId)}/erase`),
    exportUrl: (siteId, visitorId) => `${visitor(siteId, visitorId)}/export`,
  };
}
