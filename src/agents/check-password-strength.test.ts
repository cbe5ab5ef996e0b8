import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './check-password-strength.ts';

const account = { email: 'avery.admin@example.com', name: 'Avery Quinlan' };

describe('checkPasswordStrength', () => {
  it.each([
    ['a long random one', 'k7#Vq9zLw2!pR', 'ok'],
    ['a passphrase', 'correct horse battery staple', 'ok'],
    ['exactly twelve', 'tidal-ember-9', 'ok'],
    ['a generated secret', 'X3b_9fQk2LmZ', 'ok'],
    ['eleven characters', 'tidal-ember', 'too_short'],
    ['an empty one', '', 'too_short'],
    ['twelve emoji count as twelve', '🎈🎯🎲🎸🎹🎺🎻🎼🎤🎧🎬🎨', 'ok'],
    ['a common one made long with digits', 'password1234', 'common'],
    ['a common one with a separator', 'password-123', 'common'],
    ['a common one in capitals with symbols', 'Password-123!', 'common'],
    ['digits before it', '2024password', 'common'],
    ['leetspeak', 'p@ssw0rd2024', 'common'],
    ['a keyboard walk', 'qwertyuiop12', 'common'],
    ['a digit run from the list', '123456789012', 'common'],
    ['a common one repeated', 'passwordpassword', 'common'],
    ['letmein with digits', 'letmein12345', 'common'],
    ['the email', 'avery.admin@example.com', 'personal'],
    ['the email name with digits', 'avery.admin1990', 'personal'],
    ['the full name', 'AveryQuinlan!!', 'personal'],
    ['a name word with digits', 'quinlan-2024!', 'personal'],
    ['one character repeated', 'aaaaaaaaaaaaaa', 'too_simple'],
    ['three characters', 'xyzxyzxyzxyz', 'too_simple'],
    ['a common short word repeated', 'abcabcabcabcabc', 'common'],
    ['a descending run', 'zyxwvutsrqpo', 'too_simple'],
    ['a letter run', 'bcdefghijklm', 'too_simple'],
    ['a digit run', '345678901234', 'too_simple'],
    ['a short unit repeated', 'xy12xy12xy12', 'too_simple'],
  ])('%s', (_name, password, expected) => {
    const verdict = checkPasswordStrength(password, account);
    expect(verdict.kind === 'ok' ? 'ok' : verdict.reason).toBe(expected);
  });

  it('explains a refusal in a sentence', () => {
    expect(checkPasswordStrength('short', account)).toEqual({
      kind: 'weak',
      reason: 'too_short',
      message: 'a password needs at least 12 characters',
    });
  });
});
