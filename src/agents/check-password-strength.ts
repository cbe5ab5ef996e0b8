import { commonPasswords } from './common-passwords.ts';

/** The shortest password accepted for a console account. */
export const minPasswordLength = 12;

/** Why a password is refused. */
export type WeakReason = 'too_short' | 'common' | 'personal' | 'too_simple';

/** A password is strong enough, or refused with a reason and a sentence to show. */
export type PasswordVerdict = { kind: 'ok' } | { kind: 'weak'; reason: WeakReason; message: string };

const messages: Record<WeakReason, string> = {
  too_short: `a password needs at least ${minPasswordLength} characters`,
  common: 'this password is one of the most common ones, or a small variation of one; choose another',
  personal: "a password must not contain the account's email or name",
  too_simple: 'this password is a run or a repetition of a few characters; choose another',
};

const leet: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
};

/**
 * Decides whether a password is good enough for a console account: long enough, not one of the most common
 * passwords (nor one with digits or symbols around it, or in leetspeak), not built on the account's email or
 * name, not a run or repetition of a few characters.
 */
export function checkPasswordStrength(
  password: string,
  account: { email: string; name: string },
): PasswordVerdict {
  const weak = (reason: WeakReason): PasswordVerdict => ({ kind: 'weak', reason, message: messages[reason] });
  if ([...password].length < minPasswordLength) return weak('too_short');
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  // Leetspeak inside the word only: "p@ssw0rd2024" is "password" once the year is stripped.
  const unleet = lower
    .replace(/^[^\p{L}@$!]+|[^\p{L}@$!]+$/gu, '')
    .replace(/[@430$57!1]/g, (c) => leet[c] ?? c)
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const isCommon = (s: string) => s.length > 0 && commonPasswords.has(s);
  const prefixCommon = [...commonPasswords].some(
    (word) => word.length >= 6 && lower.startsWith(word) && !/\p{L}/u.test(lower.slice(word.length)),
  );
  if (isCommon(lower) || isCommon(core) || isCommon(unleet) || prefixCommon) return weak('common');
  if (isCommon(repeatedUnit(core) ?? '')) return weak('common');
  const local = account.email.toLowerCase().split('@')[0] ?? '';
  const nameWords = account.name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4);
  const fullName = nameWords.join('');
  if (
    (local.length >= 4 && lower.includes(local)) ||
    (fullName.length >= 4 && lower.replace(/[^\p{L}\p{N}]+/gu, '').includes(fullName)) ||
    nameWords.includes(core) ||
    nameWords.includes(unleet)
  )
    return weak('personal');
  if (
    new Set(lower).size < 4 ||
    isRun(lower) ||
    (repeatedUnit(lower)?.length ?? Number.POSITIVE_INFINITY) <= 4
  )
    return weak('too_simple');
  return { kind: 'ok' };
}

/** The shortest string that repeats to make `s` ("abab" → "ab"), or null when there is none. */
function repeatedUnit(s: string): string | null {
  for (let size = 1; size <= s.length / 2; size++) {
    if (s.length % size === 0 && s.slice(0, size).repeat(s.length / size) === s) return s.slice(0, size);
  }
  return null;
}

/** Whether each character follows the one before it up or down ("abcdef", "987654", digits wrap: "7890123"). */
function isRun(s: string): boolean {
  const chars = [...s];
  const step = (a: string, b: string) => {
    if (/\d/.test(a) && /\d/.test(b)) return ((Number(b) - Number(a) + 15) % 10) - 5;
    return b.codePointAt(0)! - a.codePointAt(0)!;
  };
  const first = step(chars[0]!, chars[1]!);
  return Math.abs(first) === 1 && chars.every((c, i) => i === 0 || step(chars[i - 1]!, c) === first);
}
