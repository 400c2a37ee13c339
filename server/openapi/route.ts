/**
 * One HTTP route of the public API as the OpenAPI document describes it: its input (query, body)
 * with the very zod schemas its handler parses with, and its answers. Route files declare their
 * routes with `apiRoute` and mount them from the declaration (`router.get(ROUTE.path, …)`,
 * `parseQuery(ROUTE.query, …)`), so the document and the handlers cannot drift apart;
 * server/openapi/registry.ts lists them all.
 */
import type { z } from 'zod';

/** Who may call a route: any one of these credentials (security.md, accounts.md). */
export type Credential = 'siteKey' | 'adminToken' | 'session';

export interface ApiAnswer {
  description: string;
  /** The body's schema, as the server answers (an output schema); none: no body (204). */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
  /** A realistic body; tests check it against `schema`. */
  example?: unknown;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express's form, `/api/v1/sites/:siteId`. */
  path: `/api/v1/${string}`;
  /** The group the rendered reference shows it under. */
  tag: string;
  summary: string;
  /** Markdown. */
  description?: string;
  /** Any one of these lets a caller in; empty: anyone may call it. */
  auth: readonly Credential[];
  /** What each path parameter is; undescribed ones are documented as plain strings. */
  params?: z.ZodObject;
  query?: z.ZodType;
  /** Request headers it reads, beyond credentials. */
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** A realistic request body; tests check it against `body`. */
  bodyExample?: unknown;
  /** Default `['application/json']`. */
  bodyTypes?: readonly string[];
  /** The answers it gives when it succeeds, by status. */
  responses: Readonly<Record<number, ApiAnswer>>;
  /**
   * Refusals beyond those its input and credentials already imply (400 with a query or body,
   * 401/403 with credentials, 404 under a site, 429 always), by status: why.
   */
  refusals?: Readonly<Record<number, string>>;
}

/** Declares a route, keeping its schemas' own types for the handler that parses with them. */
export function apiRoute<const R extends ApiRoute>(route: R): R {
  return route;
}
