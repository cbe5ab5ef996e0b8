import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { AppError } from '../platform/errors.ts';
import { describeError, problemMediaType } from './problem-details.ts';

/** Sends an error as problem details, logged by how much it matters. */
function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown): void {
  const described = describeError(err);
  const { problem } = described;
  if (described.expected) req.log.info({ code: problem.code }, problem.detail);
  else req.log.error({ err }, 'unhandled error');
  if (described.retryAfterSeconds) reply.header('retry-after', described.retryAfterSeconds);
  reply.code(problem.status).type(problemMediaType).send(problem);
}

/** Fastify's `frameworkErrors` option: router errors (a path that is not UTF-8, a parameter too long) as problems. */
export const frameworkErrors = ((err: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
  sendProblem(req, reply, err)) as FastifyServerOptions['frameworkErrors'];

/**
 * Answers every error as RFC 9457 problem details: coded errors, Fastify's own (unknown route, bad JSON, too
 * large, a body that is not JSON: 415), and the 503 of an instance that is closing. Pair with
 * `{frameworkErrors, return503OnClosing: false}` in the server options.
 */
export function answerProblems(app: FastifyInstance): void {
  // Bodies are JSON only; any other media type is refused with 415 instead of reaching a route as a string.
  app.removeContentTypeParser('text/plain');
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new AppError('NOT_READY', 'this instance is shutting down; retry on another one');
  });
  app.setNotFoundHandler((req, reply) => {
    sendProblem(req, reply, new AppError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));
}
