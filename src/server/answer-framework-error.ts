import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * Errors the router raises before any route runs: a path that is not UTF-8 once decoded (a surrogate half, a
 * stray %) or a path parameter past the router's length limit is bad input like any other, with a code.
 */
function answerFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const known = err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  if (known) req.log.info({ code: err.code }, err.message);
  else req.log.error({ err }, 'router error');
  const message =
    err.code === 'FST_ERR_BAD_URL'
      ? 'invalid path: it does not decode to well-formed text'
      : known
        ? 'invalid path parameters: too long'
        : 'something went wrong on our side';
  reply.code(known ? 400 : 500).send({ error: { code: known ? 'VALIDATION_FAILED' : 'INTERNAL', message } });
}

/** Fastify's `frameworkErrors` option: router errors in Baton's coded error shape. */
export const frameworkErrors = answerFrameworkError as FastifyServerOptions['frameworkErrors'];
