import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The request header that carries the signature: `Baton-Signature: t=<unix seconds>,v1=<hex>`.
 *
 * To verify a request: take `t` and every `v1` from the header, compute
 * HMAC-SHA256(secret, `${t}.${rawBody}`) as hex over the raw body bytes (before any JSON parsing),
 * compare it in constant time with each `v1`, and reject when `t` is further than a few minutes
 * from your clock (replay protection).
 */
export const signatureHeader = 'Baton-Signature';

/** Five minutes either way, as most webhook senders allow. */
export const defaultToleranceSeconds = 300;

/** The `Baton-Signature` value for a body sent at `timestamp` (unix seconds). */
export function signPayload(secret: string, timestamp: number, body: string): string {
  const t = Math.floor(timestamp);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed' | 'mismatch' | 'expired' };

/** Checks a `Baton-Signature` header against the raw body, refusing timestamps outside the tolerance. */
export function verifySignature(input: {
  secret: string;
  header: string | null | undefined;
  body: string;
  /** Now, in unix seconds. */
  now: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const parsed = parseHeader(input.header ?? '');
  if (!parsed) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(hmacHex(input.secret, parsed.timestamp, input.body), 'hex');
  const matches = parsed.signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'mismatch' };
  const tolerance = input.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(input.now - parsed.timestamp) > tolerance) return { ok: false, reason: 'expired' };
  return { ok: true, timestamp: parsed.timestamp };
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    // Several v1 entries are accepted so a sender may sign with an old and a new secret during a rotation.
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}
