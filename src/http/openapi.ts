import { type ZodType, z } from 'zod';
import { problemSchema } from '../protocol/conversation.ts';
import type { RouteDoc } from './define-route.ts';

const json = (schema: ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });

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
        '4XX': {
          description: 'Coded error',
          content: { 'application/problem+json': { schema: json(problemSchema, 'output') } },
        },
      },
      ...(r.access !== 'public' && {
        security:
          r.access === 'publicOrApiKey'
            ? [{}, { apiKey: [] }]
            : [r.access === 'apiKey' ? { apiKey: [] } : { bearer: [] }],
      }),
      'x-access': r.access,
    };
    paths[path] = { ...paths[path], [r.method.toLowerCase()]: op };
  }
  for (const e of extra) {
    paths[e.path] = {
      ...paths[e.path],
      [e.method]: { summary: e.summary, tags: e.tags, responses: { 200: { description: 'OK' } } },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Baton API',
      version: '1.0.0',
      description: 'Chatbot-to-human handoff: conversations, console, handoffs.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'customerToken or console login token' },
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      },
    },
    paths,
  };
}
