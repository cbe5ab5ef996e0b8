import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType, z } from 'zod';
import { fail } from '../platform/errors.ts';
import type { TokenClaims } from '../platform/tokens.ts';
import { maskForRole } from '../privacy/mask-for-role.ts';
import { inspectJson } from '../protocol/inspect-json.ts';

/** Who may call a route. */
export type Access =
  | 'public'
  | 'customer'
  | 'console'
  | 'supervisor'
  | 'admin'
  | 'apiKey'
  /** Anyone; with an `x-api-key` header the key is checked and the caller is the server that holds it. */
  | 'publicOrApiKey'
  | 'customerOrConsole';

/** The caller, once authenticated. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'apiKey' }
  | Extract<TokenClaims, { kind: 'customer' }>
  | Extract<TokenClaims, { kind: 'agent' }>;

export type RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType> = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /** The body is the raw bytes of a file (`application/octet-stream`) up to this size, not JSON. */
  rawBody?: { maxBytes: number };
  /** The handler writes the reply itself (a download): its result is not serialised or masked. */
  rawReply?: boolean;
  handler: (ctx: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    caller: Caller;
    req: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<z.infer<R>>;
};

/** What the route registry remembers for the OpenAPI document. */
export type RouteDoc = {
  method: string;
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  status: number;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  response: ZodType;
};

/** The console user behind a request on a console route (the authenticator already checked the token). */
export function consoleUser(caller: Caller): Extract<Caller, { kind: 'agent' }> {
  if (caller.kind !== 'agent') fail('UNAUTHENTICATED', 'sign in to the console first');
  return caller;
}

/** Authenticates a request for an access level; throws a coded error when it may not pass. */
export type Authenticate = (req: FastifyRequest, access: Access) => Promise<Caller>;

/**
 * Registers routes whose inputs are validated with zod and which appear in the OpenAPI document; what a console
 * user receives is masked for their role.
 */
export function createRouter(app: FastifyInstance, authenticate: Authenticate) {
  const docs: RouteDoc[] = [];
  return {
    docs,
    route<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
      spec: RouteSpec<P, Q, B, R>,
    ) {
      const status = spec.status ?? 200;
      docs.push({ ...spec, status });
      app.route({
        method: spec.method,
        url: spec.url,
        ...(spec.rawBody && { bodyLimit: spec.rawBody.maxBytes }),
        handler: async (req, reply) => {
          const caller = await authenticate(req, spec.access);
          const params = parse(spec.params, req.params, 'path parameters');
          const query = parse(spec.query, req.query, 'query');
          const raw = Buffer.isBuffer(req.body);
          if (raw !== Boolean(spec.rawBody) && req.body !== undefined) {
            fail(
              'UNSUPPORTED_MEDIA_TYPE',
              spec.rawBody
                ? 'send the file as application/octet-stream'
                : 'send the body as application/json',
            );
          }
          const body = spec.rawBody
            ? ((req.body ?? Buffer.alloc(0)) as z.infer<B>)
            : parse(spec.body, req.body ?? {}, 'body');
          const result = await spec.handler({ params, query, body, caller, req, reply });
          if (spec.rawReply) return reply;
          reply.code(status);
          // The one place every response to a console user passes: personal data masked for their role.
          return caller.kind === 'agent' ? maskForRole(result, caller.role) : result;
        },
      });
    },
  };
}

/** No request value nests deeper than this (free-form objects inside have tighter limits of their own). */
export const maxInputDepth = 32;

/**
 * Refuses, for every route alike, what no schema should have to think of: a string or key that cannot be
 * stored (NUL, lone surrogate halves) and nesting deeper than `maxInputDepth`, naming the field.
 */
export function assertStorableInput(value: unknown, where: string): void {
  const { problem } = inspectJson(value, { maxDepth: maxInputDepth });
  if (!problem) return;
  fail(
    'VALIDATION_FAILED',
    `invalid ${where}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
    [{ path: problem.path, message: problem.message }],
  );
}

function parse<S extends ZodType>(schema: S | undefined, value: unknown, where: string): z.infer<S> {
  // Checked even where a route declares no schema: the value is refused, not silently ignored.
  assertStorableInput(value, where);
  if (!schema) return undefined as z.infer<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  fail(
    'VALIDATION_FAILED',
    `invalid ${where}${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
    issues,
  );
}
