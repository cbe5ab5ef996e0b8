import { AppError, type ErrorCode, errorCodes } from '../platform/errors.ts';

/** The media type of every error body (RFC 9457). */
export const problemMediaType = 'application/problem+json';

/** An error as RFC 9457 problem details, with Baton's stable `code` beside the standard members. */
export type Problem = {
  /** A URI naming the kind of problem: `urn:baton:problem:<code>`. */
  type: string;
  /** The same for every problem of this type. */
  title: string;
  status: number;
  /** What went wrong this time, in words a developer can act on. */
  detail: string;
  code: ErrorCode | 'INTERNAL';
  /** The field-level findings (validation issues, what is down), when there are some. */
  details?: unknown;
};

/** How an error is answered, whatever the transport: the problem, whether it is expected, when to retry. */
export type DescribedError = {
  problem: Problem;
  /** False for bugs and unknown failures, which are logged as errors; true for what callers get wrong. */
  expected: boolean;
  retryAfterSeconds?: number;
};

const titles: Record<Problem['code'], string> = {
  VALIDATION_FAILED: 'The request is not valid',
  INVALID_JSON: 'The body is not valid JSON',
  MESSAGE_TOO_LONG: 'The message is too long',
  WEAK_PASSWORD: 'The password is too weak',
  TARGET_NOT_ALLOWED: 'The target address is not allowed',
  UNAUTHENTICATED: 'Authentication is required',
  INVALID_TOKEN: 'The credentials are not valid',
  INVALID_CREDENTIALS: 'The email or password is wrong',
  INVALID_IDENTITY: 'The signed customer identity is not valid',
  IDENTITY_REQUIRED: 'A verified customer identity is required',
  FORBIDDEN: 'This caller may not do that',
  NOT_IN_TEAM: 'The agent is not in that team',
  NOT_FOUND: 'Not found',
  CONVERSATION_NOT_FOUND: 'The conversation does not exist',
  AGENT_NOT_FOUND: 'The agent does not exist',
  PACK_NOT_FOUND: 'The pack does not exist',
  ILLEGAL_TRANSITION: 'The conversation cannot make that change now',
  CONFLICT: 'The change conflicts with the current state',
  AGENT_AT_CAPACITY: 'The agent is at capacity',
  SLOT_NOT_AVAILABLE: 'That appointment slot is not available',
  PAYLOAD_TOO_LARGE: 'The request is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The content type is not supported',
  RATE_LIMITED: 'Too many requests',
  LOGIN_THROTTLED: 'Too many sign-in attempts',
  NOT_READY: 'The service is not ready',
  INCIDENT_NOT_FOUND: 'The incident does not exist',
  NOT_PAGED: 'That team was not paged for this incident',
  VERSION_NOT_FOUND: 'The pack version does not exist',
  SUGGESTION_NOT_FOUND: 'The suggestion does not exist',
  CHANGE_NOT_APPLICABLE: 'The change does not apply to the current pack',
  PACK_INVALID: 'The pack is not valid',
  INTERNAL: 'Internal error',
};

/** Builds the problem for a code. */
export function problemFor(code: Problem['code'], detail: string, details?: unknown): Problem {
  return {
    type: `urn:baton:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[code],
    status: code === 'INTERNAL' ? 500 : errorCodes[code],
    // Before the detail, which may be long: the metrics read the code from the start of the body.
    code,
    detail,
    ...(details !== undefined && { details }),
  };
}

/** Fastify's own errors that a caller causes, with the code Baton answers them with. */
const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_MAX_PARAM_LENGTH: 'VALIDATION_FAILED',
};

const frameworkDetails: Record<string, string> = {
  FST_ERR_BAD_URL: 'invalid path: it does not decode to well-formed text',
  FST_ERR_MAX_PARAM_LENGTH: 'invalid path parameters: too long',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'the body must be sent as application/json',
};

/**
 * The one mapping from a thrown error to what the caller hears, for HTTP and the WebSocket alike: coded errors
 * keep their code and status, the framework's errors get a code, anything else is a 500 that tells nothing.
 */
export function describeError(err: unknown): DescribedError {
  if (err instanceof AppError) {
    const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return {
      problem: problemFor(err.code, err.message, err.details),
      // An instance that is not ready (draining, a dependency down) is expected; its cause is logged where found.
      expected: err.status < 500 || err.code === 'NOT_READY',
      ...(typeof retry === 'number' && retry > 0 && { retryAfterSeconds: retry }),
    };
  }
  const framework = err as { code?: unknown; statusCode?: unknown; message?: unknown; name?: unknown };
  const message = typeof framework.message === 'string' ? framework.message : String(err);
  const known = typeof framework.code === 'string' ? frameworkCodes[framework.code] : undefined;
  if (known) {
    const detail = frameworkDetails[framework.code as string] ?? message;
    return { problem: problemFor(known, detail), expected: true };
  }
  const status = framework.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code: ErrorCode = framework.name === 'SyntaxError' ? 'INVALID_JSON' : 'VALIDATION_FAILED';
    return { problem: { ...problemFor(code, message), status }, expected: true };
  }
  return { problem: problemFor('INTERNAL', 'something went wrong on our side'), expected: false };
}
