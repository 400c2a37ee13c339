/**
 * Every route of the public HTTP API, as its route file declares it. To document a new route:
 * declare it with `apiRoute` beside its handler, mount the handler from the declaration, and add
 * the declarations here. A test walks the app's router and fails on any /api/v1 route missing.
 */
import { SITE_API } from '../http/sites';
import type { ApiRoute } from './route';

export const API_ROUTES: readonly ApiRoute[] = [SITE_API].flatMap((routes): ApiRoute[] =>
  Object.values(routes),
);
