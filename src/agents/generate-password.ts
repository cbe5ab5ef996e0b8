import { randomSecret } from '../platform/ids.ts';
import { checkPasswordStrength } from './check-password-strength.ts';

/** A random 16-character password that passes the strength check for this account. */
export function generatePassword(account: { email: string; name: string }): string {
  for (;;) {
    const password = randomSecret(12);
    // A random draw is nearly always strong; the rare one that spells the account's name is drawn again.
    if (checkPasswordStrength(password, account).kind === 'ok') return password;
  }
}
