import { createRedactor } from '../handoff/redact-pii.ts';

/** Console roles that see personal data in clear; reveals of context-package masks by them are audited. */
const clearRoles: ReadonlySet<string> = new Set(['supervisor', 'admin']);

/** Whether a console user of this role sees personal data masked (every role but supervisor and admin). */
export function seesMasked(role: string): boolean {
  return !clearRoles.has(role);
}

// The context package's own policy: card numbers, SSNs and values under secret keys (ssn, dob, password, ...).
const redactForConsole = createRedactor();

/**
 * A JSON value (a response body, a WebSocket push) with card numbers, SSNs and secret-keyed values masked
 * wherever they are. Masks are stable (`[card ****1111]`), and masking masked data changes nothing.
 */
export function maskPersonalData<T>(value: T): T {
  return redactForConsole(value).value;
}

/** What a console user of this role may receive: masked for every role that may not see personal data in clear. */
export function maskForRole<T>(value: T, role: string): T {
  return seesMasked(role) ? maskPersonalData(value) : value;
}
