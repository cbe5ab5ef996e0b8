import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './sign-payload.ts';

const secret = 'whsec_known_vector_secret';
const body = '{"id":"evt_1","type":"ping","createdAt":"2026-01-05T09:00:00.000Z","data":{}}';
const t = 1767603600;
// Computed independently: printf '%s' "$t.$body" | openssl dgst -sha256 -hmac "$secret"
const known = 't=1767603600,v1=99cd31bb4a85dbda542f3185cb54ce8586e98a12cde7921029ada46a5b9438e0';

describe('signPayload', () => {
  it('matches the known vector', () => {
    expect(signPayload(secret, t, body)).toBe(known);
  });

  it('drops fractions of a second from the timestamp', () => {
    expect(signPayload(secret, t + 0.999, body)).toBe(known);
  });
});

describe('verifySignature', () => {
  const other = `v1=${'0'.repeat(64)}`;
  it.each([
    { case: 'the signed body', header: known, body, now: t, expected: { ok: true, timestamp: t } },
    { case: 'within the tolerance', header: known, body, now: t + 300, expected: { ok: true, timestamp: t } },
    { case: 'a clock behind', header: known, body, now: t - 300, expected: { ok: true, timestamp: t } },
    { case: 'too old', header: known, body, now: t + 301, expected: { ok: false, reason: 'expired' } },
    { case: 'too far ahead', header: known, body, now: t - 301, expected: { ok: false, reason: 'expired' } },
    {
      case: 'a changed body',
      header: known,
      body: `${body} `,
      now: t,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'a changed timestamp',
      header: known.replace('t=1767603600', 't=1767603601'),
      body,
      now: t,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'one of several v1',
      header: `${known},${other}`,
      body,
      now: t,
      expected: { ok: true, timestamp: t },
    },
    {
      case: 'only a wrong v1',
      header: `t=${t},${other}`,
      body,
      now: t,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'no timestamp',
      header: known.split(',')[1],
      body,
      now: t,
      expected: { ok: false, reason: 'malformed' },
    },
    { case: 'no signature', header: `t=${t}`, body, now: t, expected: { ok: false, reason: 'malformed' } },
    {
      case: 'a missing header',
      header: undefined,
      body,
      now: t,
      expected: { ok: false, reason: 'malformed' },
    },
    { case: 'garbage', header: 'nonsense', body, now: t, expected: { ok: false, reason: 'malformed' } },
  ])('$case', ({ header, body, now, expected }) => {
    expect(verifySignature({ secret, header, body, now })).toEqual(expected);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifySignature({ secret: 'whsec_other', header: known, body, now: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('takes a tolerance', () => {
    expect(verifySignature({ secret, header: known, body, now: t + 10, toleranceSeconds: 5 }).ok).toBe(false);
    expect(verifySignature({ secret, header: known, body, now: t + 5, toleranceSeconds: 5 }).ok).toBe(true);
  });
});
