import { describe, expect, it } from 'vitest';
import { checkUserHash, identityFromClaims, userHash } from './verified-identity.ts';

const secret = 'a-host-secret-of-at-least-32-characters!';

describe('userHash and checkUserHash', () => {
  it('accepts the HMAC of the user id, in either case of hex', () => {
    const hash = userHash(secret, 'crm-1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkUserHash(secret, 'crm-1', hash)).toBe(true);
    expect(checkUserHash(secret, 'crm-1', hash.toUpperCase())).toBe(true);
  });

  it.each([
    ['another user id', 'crm-2', userHash(secret, 'crm-1')],
    ['another secret', 'crm-1', userHash(`${secret}x`, 'crm-1')],
    ['a truncated hash', 'crm-1', userHash(secret, 'crm-1').slice(0, 63)],
    ['not hex', 'crm-1', 'z'.repeat(64)],
    ['empty', 'crm-1', ''],
  ])('refuses %s', (_name, userId, hash) => {
    expect(checkUserHash(secret, userId, hash)).toBe(false);
  });
});

describe('identityFromClaims', () => {
  it('reads sub as the user id and the signed profile', () => {
    expect(
      identityFromClaims({ sub: 'crm-1', name: 'Dana', email: 'dana@example.com', tier: 'vip', exp: 1 }),
    ).toEqual({
      ok: true,
      identity: { externalId: 'crm-1', proof: 'jwt', name: 'Dana', email: 'dana@example.com', tier: 'vip' },
    });
  });

  it.each([
    ['no sub', { name: 'x' }],
    ['an empty sub', { sub: '  ' }],
    ['a tier that does not exist', { sub: 'a', tier: 'platinum' }],
    ['a bad email', { sub: 'a', email: 'not-an-email' }],
  ])('refuses %s', (_name, payload) => {
    expect(identityFromClaims(payload).ok).toBe(false);
  });
});
