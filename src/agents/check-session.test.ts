import { describe, expect, it } from 'vitest';
import { checkSession, revokesSessions, type SessionAccount } from './check-session.ts';

const account = (over: Partial<SessionAccount> = {}): SessionAccount => ({
  role: 'supervisor',
  active: true,
  sessionVersion: 3,
  revokedTokenIds: ['tok-out'],
  ...over,
});

describe('checkSession', () => {
  it.each([
    ['a current token', account(), { sv: 3, jti: 'tok-1' }, { kind: 'valid', role: 'supervisor' }],
    [
      'the current role, not the one signed in',
      account({ role: 'agent' }),
      { sv: 3, jti: 't' },
      { kind: 'valid', role: 'agent' },
    ],
    ['a deleted account', null, { sv: 3, jti: 't' }, { kind: 'revoked', reason: 'unknown_account' }],
    [
      'a deactivated account',
      account({ active: false }),
      { sv: 3, jti: 't' },
      { kind: 'revoked', reason: 'inactive' },
    ],
    [
      'an older session version',
      account(),
      { sv: 2, jti: 't' },
      { kind: 'revoked', reason: 'session_ended' },
    ],
    ['a newer session version', account(), { sv: 4, jti: 't' }, { kind: 'revoked', reason: 'session_ended' }],
    [
      'a token from before versions',
      account({ sessionVersion: 0 }),
      { sv: undefined, jti: undefined },
      { kind: 'revoked', reason: 'session_ended' },
    ],
    [
      'a token without an id',
      account(),
      { sv: 3, jti: undefined },
      { kind: 'revoked', reason: 'signed_out' },
    ],
    [
      'a token signed out by id',
      account(),
      { sv: 3, jti: 'tok-out' },
      { kind: 'revoked', reason: 'signed_out' },
    ],
  ] as const)('%s', (_name, acc, token, verdict) => {
    expect(checkSession(acc, token)).toEqual(verdict);
  });
});

describe('revokesSessions', () => {
  const before = { role: 'supervisor' as const, active: true };
  it.each([
    ['a new password', { password: 'x' }, true],
    ['a demotion', { role: 'agent' as const }, true],
    ['a promotion', { role: 'admin' as const }, true],
    ['the same role', { role: 'supervisor' as const }, false],
    ['deactivation', { active: false }, true],
    ['staying active', { active: true }, false],
    ['a new name or capacity', {}, false],
  ])('%s: %s', (_name, patch, revokes) => {
    expect(revokesSessions(before, patch)).toBe(revokes);
  });

  it('does not count deactivating an account that is already inactive', () => {
    expect(revokesSessions({ role: 'agent', active: false }, { active: false })).toBe(false);
  });
});
