import { type ZodType, z } from 'zod';
import { problemSchema } from '../protocol/conversation.ts';
import type { RouteDoc } from './define-route.ts';

const json = (schema: ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });

/**
 * A stable operationId from the method and path: `GET /api/v1/conversations/:id/messages` ->
 * `getConversationsByIdMessages`.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((part) => (part.startsWith(':') ? ['by', part.slice(1)] : part.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: json(problemSchema, 'output') } },
});

/** Builds the OpenAPI 3 document from the registered routes' zod schemas. */
export function buildOpenApi(
  routes: RouteDoc[],
  extra: { path: string; method: string; summary: string; tags: string[] }[],
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const s = json(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (s.required ?? []).includes(name),
          schema: prop,
        });
      }
    }
    const op: Record<string, unknown> = {
      operationId: operationIdOf(r.method, r.url),
      summary: r.summary,
      tags: r.tags,
      ...(parameters.length > 0 && { parameters }),
      ...(r.body && {
        requestBody: { required: true, content: { 'application/json': { schema: json(r.body, 'input') } } },
      }),
      responses: {
        [r.status]: {
          description: 'OK',
          content: { 'application/json': { schema: json(r.response, 'output') } },
        },
        '429': problemResponse('Too many requests: see the Retry-After and RateLimit headers'),
        '4XX': problemResponse('Coded error'),
        '5XX': problemResponse('Not ready (503) or an error on the server side (500)'),
      },
      security:
        r.access === 'public'
          ? []
          : r.access === 'publicOrApiKey'
            ? [{}, { apiKey: [] }]
            : [r.access === 'apiKey' ? { apiKey: [] } : { bearer: [] }],
      'x-access': r.access,
    };
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: op };
  }
  for (const e of extra) {
    paths[e.path] = {
      ...paths[e.path],
      [e.method]: {
        operationId: operationIdOf(e.method, e.path),
        summary: e.summary,
        tags: e.tags,
        security: [],
        responses: { 200: { description: 'OK' }, '4XX': problemResponse('Coded error') },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Baton API',
      version: '1.0.0',
      description: 'Chatbot-to-human handoff: conversations, console, handoffs.',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: '/', description: 'This Baton instance' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'customerToken or console login token' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
    paths,
  };
}
