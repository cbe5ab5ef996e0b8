import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhooks are signed as Standard Webhooks (https://www.standardwebhooks.com): three headers,
 * `webhook-id` (the event's id, the same on every retry and redelivery: use it to deduplicate),
 * `webhook-timestamp` (unix seconds) and `webhook-signature` (`v1,<base64>`, several separated by spaces
 * while a secret rotates). The signature is HMAC-SHA256 over `${id}.${timestamp}.${rawBody}` keyed with the
 * base64-decoded part of the `whsec_` secret. Any Standard Webhooks library verifies it.
 */
export const webhookHeaders = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** Five minutes either way, as Standard Webhooks recommends. */
export const defaultToleranceSeconds = 300;

const secretPrefix = 'whsec_';
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether a secret is a Standard Webhooks key: `whsec_` and the base64 of 24 to 64 random bytes. */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(secretPrefix)) return false;
  const encoded = secret.slice(secretPrefix.length);
  if (!base64.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= 24 && bytes <= 64;
}

/** The HMAC key of a secret: the decoded bytes of a `whsec_` key; an older free-form secret as its UTF-8 bytes. */
function keyOf(secret: string): Buffer {
  return isWebhookSecret(secret)
    ? Buffer.from(secret.slice(secretPrefix.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/** The `webhook-signature` value for a message `id` with `body` sent at `timestamp` (unix seconds). */
export function signPayload(input: { secret: string; id: string; timestamp: number; body: string }): string {
  return `v1,${hmacBase64(keyOf(input.secret), input.id, Math.floor(input.timestamp), input.body)}`;
}

/** The three Standard Webhooks headers for one message. */
export function signedHeaders(input: {
  secret: string;
  id: string;
  timestamp: number;
  body: string;
}): Record<(typeof webhookHeaders)[keyof typeof webhookHeaders], string> {
  return {
    [webhookHeaders.id]: input.id,
    [webhookHeaders.timestamp]: String(Math.floor(input.timestamp)),
    [webhookHeaders.signature]: signPayload(input),
  };
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed' | 'mismatch' | 'expired' };

/** Checks the Standard Webhooks headers against the raw body, refusing timestamps outside the tolerance. */
export function verifySignature(input: {
  secret: string;
  headers: Partial<Record<string, string | null | undefined>>;
  body: string;
  /** Now, in unix seconds. */
  now: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  const id = input.headers[webhookHeaders.id];
  const timestamp = input.headers[webhookHeaders.timestamp];
  const signatures = (input.headers[webhookHeaders.signature] ?? '')
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  if (!id || !timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0)
    return { ok: false, reason: 'malformed' };
  const t = Number(timestamp);
  const expected = Buffer.from(hmacBase64(keyOf(input.secret), id, t, input.body), 'base64');
  // Several signatures are accepted so a sender may sign with an old and a new secret during a rotation.
  const matches = signatures.some(
    (given) => given.length === expected.length && timingSafeEqual(given, expected),
  );
  if (!matches) return { ok: false, reason: 'mismatch' };
  const tolerance = input.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(input.now - t) > tolerance) return { ok: false, reason: 'expired' };
  return { ok: true, timestamp: t };
}

function hmacBase64(key: Buffer, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}
