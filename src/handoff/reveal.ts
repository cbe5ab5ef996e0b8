import type { PiiType, Redaction } from '../protocol/context-package.ts';
import type { PiiSecrets } from './redact-pii.ts';

/** Roles that may see a masked value unless the caller says otherwise; agents may not. */
export const defaultRevealRoles: readonly string[] = ['supervisor', 'admin'];

/** One request to see a masked value. */
export type RevealRequest = {
  role: string;
  token: string;
  reason: string;
  allowedRoles: readonly string[];
};

/** What is known about the package the token belongs to (null: no such package). */
export type RevealSource = { secrets: PiiSecrets; redactions: readonly Redaction[] } | null;

/** The answer to a reveal request: the value, or why not (with the coded error to raise). */
export type RevealOutcome =
  | { kind: 'revealed'; token: string; type: PiiType; value: string; paths: string[] }
  | {
      kind: 'refused';
      outcome: 'forbidden' | 'invalid' | 'not_found';
      code: 'FORBIDDEN' | 'VALIDATION_FAILED' | 'NOT_FOUND';
      message: string;
    };

/** Decides a reveal: role first (so a refused role learns nothing), then the reason, then the token. */
export function decideReveal(request: RevealRequest, source: RevealSource): RevealOutcome {
  if (!request.allowedRoles.includes(request.role)) {
    return {
      kind: 'refused',
      outcome: 'forbidden',
      code: 'FORBIDDEN',
      message: `role ${request.role} may not reveal personal data`,
    };
  }
  if (request.reason.trim().length < 3) {
    return {
      kind: 'refused',
      outcome: 'invalid',
      code: 'VALIDATION_FAILED',
      message: 'a reason is required to reveal personal data',
    };
  }
  const secret = source?.secrets[request.token];
  if (!source || !secret) {
    return {
      kind: 'refused',
      outcome: 'not_found',
      code: 'NOT_FOUND',
      message: `no masked value ${request.token} in this conversation`,
    };
  }
  return {
    kind: 'revealed',
    token: request.token,
    type: secret.type,
    value: secret.value,
    paths: source.redactions.filter((r) => r.token === request.token).map((r) => r.path),
  };
}
