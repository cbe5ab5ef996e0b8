import { describe, expect, it } from 'vitest';
import { identitySubject, readIdentity } from './read-identity.ts';

const attrs = (values: Record<string, string>) => ({ getAttribute: (name: string) => values[name] ?? null });
const jwtWith = (claims: unknown) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('readIdentity', () => {
  it.each([
    [
      'a token wins',
      { 'identity-token': 'a.b.c', 'customer-id': 'u1', 'customer-hash': 'h' },
      { token: 'a.b.c' },
    ],
    ['an id with its hash', { 'customer-id': 'u1', 'customer-hash': 'ab12' }, { userId: 'u1', hash: 'ab12' }],
    ['an id alone is no proof', { 'customer-id': 'u1' }, undefined],
    ['nothing', {}, undefined],
  ])('%s', (_name, values, out) => {
    expect(readIdentity(attrs(values))).toEqual(out);
  });
});

describe('identitySubject', () => {
  it.each([
    ['a token names its sub', { token: jwtWith({ sub: 'crm-ü1', exp: 1 }) }, 'crm-ü1'],
    ['a hash names its user id', { userId: 'u2', hash: 'x' }, 'u2'],
    ['an unreadable token names nobody', { token: 'garbage' }, ''],
    ['no proof names nobody', undefined, ''],
  ])('%s', (_name, proof, out) => {
    expect(identitySubject(proof)).toBe(out);
  });
});
