/**
 * The OpenAPI 3.1 document of the public HTTP API, built from the route declarations
 * (server/openapi/registry.ts) and the zod schemas the handlers parse with: request schemas as
 * zod's input side, answers as their output side.
 */
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { ZErrorBody } from './views';
import { API_ROUTES } from './registry';
import type { ApiRoute, Credential } from './route';
import { payloadSchemaOf, WEBHOOK_PAYLOADS } from './webhook-payloads';

const PARAMS: Record<string, string> = {
  siteId: "The site's id (`site_…`).",
  agentId: "An agent's id on the site.",
  inviteId: "An invite's id (`inv_…`).",
  id: "The follow-up item's id.",
  token: 'The secret token of the URL Peakend gave.',
};

const SECURITY: Record<Credential, object> = {
  siteKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The site's key (`pk_…`), shown once when the site is made or its key rotated: for your servers, never for browsers.",
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: "The server's admin token (`PEAKEND_ADMIN_TOKEN`), for the operator.",
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'peakend_session',
    description:
      "The console's session cookie (`__Host-peakend_session` over https), set by `POST /api/v1/session`. Changes are taken only from the console's own pages (same origin). A request with an `Authorization` header is judged by that header alone.",
  },
};

const REFUSALS = {
  400: {
    code: 'invalid',
    description: 'Invalid input: `issues` names every problem.',
    message: 'The request body is invalid.',
  },
  401: {
    code: 'unauthorized',
    description: 'No credential, or one Peakend does not know.',
    message: 'Unknown site key.',
  },
  403: {
    code: 'forbidden',
    description: 'A valid credential that may not do this.',
    message: "Only the site's admins may do this.",
  },
  404: {
    code: 'not_found',
    description: 'No such site (or item).',
    message: 'No site "site_3kT9qzXw".',
  },
  409: { code: 'conflict', description: 'Not possible now.', message: 'This is not possible now.' },
  413: {
    code: 'too_large',
    description: 'More than a request may carry.',
    message: 'The request body is too large.',
  },
  429: {
    code: 'rate_limited',
    description: 'Too many requests: wait `Retry-After` seconds.',
    message: 'Too many requests: try again in 12 s.',
  },
} satisfies Record<number, Refusal>;

interface Refusal {
  code: string;
  description: string;
  message: string;
}
const refusalOf = (status: number): Refusal | undefined =>
  (REFUSALS as Record<number, Refusal | undefined>)[status];

const DESCRIPTION = `Sites, team, events, scores, ratings, follow-ups, integrations and webhooks of a Peakend server, all under \`/api/v1\`. The guide, with every field explained: docs/api.md.

## Calling it

- **Credentials** go in the \`Authorization\` header, \`Bearer <token>\`: the site's key for your servers, the admin token (\`PEAKEND_ADMIN_TOKEN\`) for the operator. The console calls the same routes with its session cookie; a request with an \`Authorization\` header is judged by that header alone.
- **Refusals** share one JSON shape, \`{"error": {"code", "message", "issues"?}}\`, with a status that says what to fix: 400 \`invalid\` (with every problem's path), 401 \`unauthorized\`, 403 \`forbidden\`, 404 \`not_found\`, 409 \`conflict\`, 413 \`too_large\`, 429 \`rate_limited\` (wait \`Retry-After\` seconds).
- **Rate limits**: 600 requests a minute per site key, 1200 a minute per address.`;

/** Express's `:name` to OpenAPI's `{name}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const pathParams = (route: ApiRoute) => {
  const names = [...route.path.matchAll(/:(\w+)/g)].flatMap((match) =>
    match[1] ? [match[1]] : [],
  );
  if (names.length === 0) return undefined;
  const given = route.params?.shape ?? {};
  return z.object(
    Object.fromEntries(
      names.map((name) => [
        name,
        (given[name] as z.ZodType | undefined) ??
          z.string().meta({ description: PARAMS[name] ?? name }),
      ]),
    ),
  );
};

function refusalsOf(route: ApiRoute): Record<number, string> {
  const refusals: Record<number, string> = {};
  if (route.query || route.body) refusals[400] = REFUSALS[400].description;
  if (route.auth.length > 0) {
    refusals[401] = REFUSALS[401].description;
    refusals[403] = REFUSALS[403].description;
  }
  if (route.path.includes(':siteId')) refusals[404] = REFUSALS[404].description;
  refusals[429] = REFUSALS[429].description;
  return { ...refusals, ...route.refusals };
}

function responsesOf(route: ApiRoute): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: answer.description,
      ...(answer.schema && {
        content: {
          [answer.contentType ?? 'application/json']: {
            schema: answer.schema,
            ...(answer.example !== undefined && { example: answer.example }),
          },
        },
      }),
    };
  }
  for (const [status, description] of Object.entries(refusalsOf(route))) {
    const known = refusalOf(Number(status));
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description,
      content: {
        'application/json': {
          schema: ZErrorBody,
          example: {
            error: {
              code: known?.code ?? 'invalid',
              message: known?.message ?? description,
              ...(Number(status) === 400 && {
                issues: [
                  { path: 'name', message: 'Too small: expected string to have >=1 characters' },
                ],
              }),
              ...(Number(status) === 429 && { retryAfterSeconds: 12 }),
            },
          },
        },
      },
      ...(Number(status) === 429 && {
        headers: {
          'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
        },
      }),
    };
  }
  return responses;
}

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const path = pathParams(route);
  const body = route.body;
  return {
    operationId: `${route.method}${route.path.replace(/^\/api\/v1/, '').replace(/[/:.]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description && { description: route.description }),
    security: route.auth.map((credential) => ({ [credential]: [] })),
    ...((path || route.query || route.headers) && {
      requestParams: {
        ...(path && { path }),
        ...(route.query && { query: route.query as z.ZodObject }),
        ...(route.headers && { header: route.headers }),
      },
    }),
    ...(body && {
      requestBody: {
        // A body the schema also takes when absent (enabling Chatwoot) may be left out.
        required: !body.safeParse(undefined).success,
        content: Object.fromEntries(
          (route.bodyTypes ?? ['application/json']).map((type) => [
            type,
            {
              schema: body,
              ...(route.bodyExample !== undefined && { example: route.bodyExample }),
            },
          ]),
        ),
      },
    }),
    responses: responsesOf(route),
  };
}

/** Standard Webhooks' headers, on every delivery to a `standard` endpoint. */
const DELIVERY_HEADERS = z.object({
  'webhook-id': z.string().meta({
    description:
      "The message's id (`msg_…`), the same on every retry and resend: ignore one you handled.",
  }),
  'webhook-timestamp': z
    .string()
    .meta({ description: 'When this attempt was signed, in Unix seconds.' }),
  'webhook-signature': z.string().meta({
    description:
      '`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the base64-decoded part of the secret after `whsec_`.',
  }),
});

/** What Peakend posts to the URLs of a site's webhooks (`POST …/webhooks`), by event. */
function webhooksOf(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    WEBHOOK_PAYLOADS.map((payload) => [
      payload.event,
      {
        post: {
          operationId: `webhook${payload.event.replace(/(^|\.)(\w)/g, (_m, _dot: string, c: string) => c.toUpperCase())}`,
          tags: ['Webhooks'],
          summary: payload.summary,
          description: `${payload.description}\n\nPosted to a \`standard\` webhook's URL, signed; a Slack destination gets a message instead. Answer any 2xx within 10 seconds; anything else is tried again (docs/webhooks.md).`,
          requestParams: { header: DELIVERY_HEADERS },
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: payloadSchemaOf(payload.event),
                example: payload.example,
              },
            },
          },
          responses: { '2XX': { description: 'Received.' } },
        } satisfies ZodOpenApiOperationObject,
      },
    ]),
  );
}

export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = (paths[openApiPath(route.path)] ??= {});
    path[route.method] = operationOf(route);
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Peakend HTTP API',
        version: '1',
        description: DESCRIPTION,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
      components: { securitySchemes: SECURITY as never },
      paths,
      webhooks: webhooksOf(),
    },
    {
      // The one custom schema on the wire: a visitor's attributes, checked key by key.
      allowEmptySchema: { custom: true },
      override: ({ jsonSchema, zodSchema }) => {
        if (zodSchema._zod.def.type === 'custom') {
          jsonSchema.type = 'object';
          jsonSchema.additionalProperties = { type: 'string' };
        }
      },
    },
  );
}
