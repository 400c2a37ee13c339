/**
 * The OpenAPI document (`GET /api/v1/openapi.json`, server/openapi/): it names every /api/v1
 * route the app serves, passes an OpenAPI 3.1 validator, every example in it validates against
 * its zod schema, and real answers of a running server match the schemas that describe them.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, openApiPath } from '../../server/openapi/document';
import { API_ROUTES } from '../../server/openapi/registry';
import type { ApiRoute } from '../../server/openapi/route';
import { ZErrorBody } from '../../server/openapi/views';
import { payloadSchemaOf, WEBHOOK_PAYLOADS } from '../../server/openapi/webhook-payloads';
import { apiSiteMaker } from '../support/sites';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type TestServer } from '../support/server';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD path` the app's router serves, nested routers included. */
function servedRoutes(app: Express): string[] {
  const walk = (stack: readonly Layer[]): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const paths = [layer.route.path].flat();
        return Object.keys(layer.route.methods).flatMap((method) =>
          paths.map((path) => `${method.toUpperCase()} ${path}`),
        );
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
}

const documented = (routes: readonly ApiRoute[]) =>
  routes.map((route) => `${route.method.toUpperCase()} ${route.path}`);

describe('the OpenAPI document', () => {
  const dir = tempDir();
  let server: TestServer;
  const makeSite = apiSiteMaker(() => server, 'OpenAPI');

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
  });

  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('documents every /api/v1 route the app serves, and no other', () => {
    const served = servedRoutes(server.application.app).filter(
      // A CORS preflight is the browser's, answered for the route beside it: not an operation.
      (route) => route.includes(' /api/v1/') && !route.startsWith('OPTIONS '),
    );
    expect(served.length).toBeGreaterThan(30);
    const declared = new Set(documented(API_ROUTES));
    // The document itself is served, not declared as an operation of the API.
    expect(served.filter((route) => !declared.has(route))).toEqual(['GET /api/v1/openapi.json']);
    expect([...declared].filter((route) => !served.includes(route))).toEqual([]);
    expect(declared.size).toBe(API_ROUTES.length);
  });

  it('serves the document as OpenAPI 3.1 that passes a validator', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(document.openapi).toBe('3.1.0');
    const validation = await new Validator().validate(document as never);
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    for (const route of API_ROUTES) {
      expect(document.paths[openApiPath(route.path)]?.[route.method]).toBeDefined();
    }
  });

  it('has examples that validate against their own schemas', () => {
    for (const route of API_ROUTES) {
      const where = `${route.method.toUpperCase()} ${route.path}`;
      if (route.body) {
        expect(route.bodyExample, `${where}: a request example`).toBeDefined();
        const parsed = route.body.safeParse(route.bodyExample);
        expect(parsed.error?.issues ?? [], `${where}: request example`).toEqual([]);
      }
      for (const [status, answer] of Object.entries(route.responses)) {
        if (!answer.schema) continue;
        expect(answer.example, `${where} ${status}: an example`).toBeDefined();
        const parsed = answer.schema.safeParse(answer.example);
        expect(parsed.error?.issues ?? [], `${where} ${status}: answer example`).toEqual([]);
      }
    }
    // And the refusals the document adds to every route.
    const document = buildOpenApiDocument() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }
        >
      >;
    };
    let refusals = 0;
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          refusals += 1;
          const example = response.content?.['application/json']?.example;
          expect(ZErrorBody.safeParse(example).success, `a ${status} example`).toBe(true);
        }
      }
    }
    expect(refusals).toBeGreaterThan(API_ROUTES.length);
    // And what webhooks are sent, one entry per event.
    for (const payload of WEBHOOK_PAYLOADS) {
      const parsed = payloadSchemaOf(payload.event).safeParse(payload.example);
      expect(parsed.error?.issues ?? [], `webhook ${payload.event}`).toEqual([]);
    }
  });

  it('describes what a running server really answers', async () => {
    const { siteId, key } = await makeSite();
    const route = (routes: readonly ApiRoute[], method: string, path: string) =>
      routes.find((r) => r.method === method && r.path === path)!;
    const check = async (
      method: ApiRoute['method'],
      path: string,
      url: string,
      options: { token?: string; body?: unknown },
    ) => {
      const spec = route(API_ROUTES, method, path);
      const answer = await call(server, method.toUpperCase(), url, options);
      const status = Number(Object.keys(spec.responses)[0]);
      expect(answer.status, `${method} ${url}`).toBe(status);
      const schema = spec.responses[status]!.schema!;
      const parsed = schema.safeParse(answer.body);
      expect(parsed.error?.issues ?? [], `${method} ${url}`).toEqual([]);
      return answer.body;
    };
    const admin = { token: TEST_ADMIN_TOKEN };
    const site = { token: key };
    await check('get', '/api/v1/sites', '/api/v1/sites', admin);
    await check('get', '/api/v1/sites/:siteId', `/api/v1/sites/${siteId}`, admin);
    await check('post', '/api/v1/sites/:siteId/invites', `/api/v1/sites/${siteId}/invites`, {
      ...admin,
      body: { email: 'cleo@openapi.example', role: 'agent' },
    });
    await check('get', '/api/v1/sites/:siteId/invites', `/api/v1/sites/${siteId}/invites`, admin);
    const events = route(API_ROUTES, 'post', '/api/v1/sites/:siteId/events');
    await check('post', events.path, `/api/v1/sites/${siteId}/events`, {
      ...site,
      body: events.bodyExample,
    });
    await check('get', '/api/v1/sites/:siteId/members', `/api/v1/sites/${siteId}/members`, admin);
    const naming = route(API_ROUTES, 'put', '/api/v1/sites/:siteId/agents/:agentId');
    await check('put', naming.path, `/api/v1/sites/${siteId}/agents/ben.zd@kestrel`, {
      ...admin,
      body: naming.bodyExample,
    });
    await check('get', '/api/v1/sites/:siteId/agents', `/api/v1/sites/${siteId}/agents`, admin);
    // Chatwoot: enabled, and a delivery to the URL it gave.
    const chatwoot = '/api/v1/sites/:siteId/integrations/chatwoot';
    const enabled = await check('post', chatwoot, `/api/v1/sites/${siteId}/integrations/chatwoot`, {
      ...admin,
      body: {},
    });
    await check('get', chatwoot, `/api/v1/sites/${siteId}/integrations/chatwoot`, admin);
    const receiver = route(API_ROUTES, 'post', '/api/v1/integrations/chatwoot/:token');
    await check('post', receiver.path, new URL(String(enabled.url)).pathname, {
      body: receiver.bodyExample,
    });
    // Webhooks: one added (to a port nothing listens on), pinged, and its delivery log.
    const hooks = '/api/v1/sites/:siteId/webhooks';
    const hook = await check('post', hooks, `/api/v1/sites/${siteId}/webhooks`, {
      ...admin,
      body: { url: 'http://127.0.0.1:9/peakend', events: ['rating.saved'] },
    });
    const hookUrl = `/api/v1/sites/${siteId}/webhooks/${String(hook.id)}`;
    await check('get', hooks, `/api/v1/sites/${siteId}/webhooks`, admin);
    await check('get', `${hooks}/:id`, hookUrl, admin);
    await check('post', `${hooks}/:id/ping`, `${hookUrl}/ping`, admin);
    await check('get', `${hooks}/:id/deliveries`, `${hookUrl}/deliveries`, admin);
    for (const read of [
      'scores',
      'comments',
      'conversations',
      'followups',
      'segments',
      'trends',
      'expectation',
      'report',
    ]) {
      const path = `/api/v1/sites/:siteId/${read}`;
      await check('get', path, `/api/v1/sites/${siteId}/${read}`, site);
    }
    // And the demo site's weeks of history, as its supervisor's console reads them.
    const signIn = await call(server, 'POST', '/api/v1/session', {
      body: { email: 'anna@demo.peakend.test', password: DEMO_PASSWORD },
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.cookie ?? '';
    for (const read of [
      'scores',
      'comments',
      'conversations',
      'followups',
      'segments',
      'trends',
      'expectation',
      'report',
    ]) {
      const spec = route(API_ROUTES, 'get', `/api/v1/sites/:siteId/${read}`);
      const answer = await call(server, 'GET', `/api/v1/sites/demo/${read}`, { cookie });
      expect(answer.status, read).toBe(200);
      const parsed = spec.responses[200]!.schema!.safeParse(answer.body);
      expect(parsed.error?.issues ?? [], `demo ${read}`).toEqual([]);
    }
    const session = route(API_ROUTES, 'get', '/api/v1/session');
    const whoAmI = await call(server, 'GET', '/api/v1/session', { cookie });
    expect(session.responses[200]!.schema!.safeParse(whoAmI.body).error?.issues ?? []).toEqual([]);
    // A refusal has the documented shape too.
    const refused = await call(server, 'GET', `/api/v1/sites/${siteId}/scores`, {
      token: 'pk_wrong',
    });
    expect(refused.status).toBe(401);
    expect(ZErrorBody.safeParse(refused.body).success).toBe(true);
  });
});
