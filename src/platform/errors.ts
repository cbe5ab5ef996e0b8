/** Every error a caller can act on, with the HTTP status it maps to. */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  MESSAGE_TOO_LONG: 400,
  WEAK_PASSWORD: 400,
  /** A webhook or tool URL whose host is a private address Baton is not allowed to call. */
  TARGET_NOT_ALLOWED: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  INVALID_CREDENTIALS: 401,
  /** A host-signed customer identity that does not verify (bad signature, expired, tampered, wrong algorithm). */
  INVALID_IDENTITY: 401,
  /** Baton is configured to require a verified customer identity and none was given. */
  IDENTITY_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_IN_TEAM: 403,
  NOT_FOUND: 404,
  CONVERSATION_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  PACK_NOT_FOUND: 404,
  INCIDENT_NOT_FOUND: 404,
  /** The team was not paged for the incident. */
  NOT_PAGED: 409,
  VERSION_NOT_FOUND: 404,
  SUGGESTION_NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  AGENT_AT_CAPACITY: 409,
  /** The appointment slot is taken, outside the place's hours, or too soon. */
  SLOT_NOT_AVAILABLE: 409,
  /** A suggested change no longer fits the pack (the intent or rule it names is gone). */
  CHANGE_NOT_APPLICABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A pack change that would make a pack that does not validate. */
  PACK_INVALID: 422,

  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  LOGIN_THROTTLED: 429,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error with a stable code, safe to show to the caller. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

/** Shorthand for throwing a coded error. */
export function fail(code: ErrorCode, message: string, details?: unknown): never {
  throw new AppError(code, message, details);
}
