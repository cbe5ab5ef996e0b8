import { ApiError } from '../shared/request-json.ts';

/** A human message per field, empty when the input is fine. */
export type FieldErrors = Record<string, string>;

/** "billing, online banking , ,billing" -> ["billing", "online banking"]: the skills a comma list names. */
export function readList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ];
}

/** Why a list of skills will not do, or null. */
export function checkSkills(skills: string[]): string | null {
  const long = skills.find((s) => s.length > 64);
  if (long !== undefined)
    return `“${long.slice(0, 20)}…” is too long for a skill: keep each under 64 characters`;
  return skills.length > 100 ? 'Keep to 100 skills at most' : null;
}

/** Checks a new account before it is sent. */
export function checkNewAgent(a: {
  email: string;
  name: string;
  password: string;
  capacity: number;
  skills: string[];
}): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim()))
    errors.email = 'Enter an email address like name@example.com';
  if (!a.name.trim()) errors.name = 'Enter the person’s name';
  if (a.password.length < 12) errors.password = 'Use at least 12 characters for the password';
  Object.assign(errors, checkCapacity(a.capacity));
  const skills = checkSkills(a.skills);
  if (skills) errors.skills = skills;
  return errors;
}

/** Checks how many chats at once an agent may take. */
export function checkCapacity(capacity: number): FieldErrors {
  return Number.isInteger(capacity) && capacity >= 1 && capacity <= 50
    ? {}
    : { capacity: 'Capacity is the number of chats at once: a whole number from 1 to 50' };
}

/** Checks a canned reply before it is sent. */
export function checkMacro(m: { title: string; text: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!m.title.trim()) errors.title = 'Give the reply a short title';
  else if (m.title.length > 120) errors.title = 'Keep the title under 120 characters';
  if (!m.text.trim()) errors.text = 'Write the text agents will insert';
  else if (m.text.length > 4000) errors.text = 'Keep the text under 4,000 characters';
  return errors;
}

/** Checks a webhook subscription before it is sent. */
export function checkWebhook(w: { url: string; events: string[] }): FieldErrors {
  const errors: FieldErrors = {};
  let url: URL | null = null;
  try {
    url = new URL(w.url.trim());
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    errors.url = 'Enter the full address that receives events, starting with https://';
  if (w.events.length === 0) errors.events = 'Choose at least one event (or all events)';
  return errors;
}

const byCode: Record<string, string> = {
  CONFLICT: 'That already exists: an account with this email, for example.',
  TARGET_NOT_ALLOWED: 'Baton may not post to that address: it is private or local. Use a public address.',
  NOT_FOUND: 'It no longer exists; someone may have removed it. Reload the page.',
  AGENT_NOT_FOUND: 'That account no longer exists. Reload the page.',
  FORBIDDEN: 'Only admins may change settings.',
  NETWORK_ERROR: 'Cannot reach the server. Check your connection and try again.',
  RATE_LIMITED: 'Too many changes at once. Wait a moment and try again.',
};

/**
 * A failed save as a sentence for an admin. The server's own wording is used only where it is written for people
 * (a weak password's reason); validation details name the field instead of repeating the raw schema message.
 */
export function describeProblem(err: unknown, labels: Record<string, string> = {}): string {
  if (!(err instanceof ApiError)) return 'Something went wrong. Try again.';
  if (err.code === 'WEAK_PASSWORD')
    return `The password is too weak: ${err.message.replace(/^[A-Z]/, (c) => c.toLowerCase())}`;
  if (err.code === 'VALIDATION_FAILED') {
    const field = /^Invalid (?:body|query|path parameters): ([\w.]+):/.exec(err.message)?.[1];
    const key = field?.split('.')[0];
    const label = (field && labels[field]) ?? (key && labels[key]) ?? null;
    return label
      ? `${label} was not accepted. Check it and try again.`
      : 'Some values were not accepted. Check the form and try again.';
  }
  return byCode[err.code] ?? 'The change could not be saved. Try again, or reload the page.';
}
