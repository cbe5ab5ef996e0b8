/** Where and how a person reads times: their language and time zone (the browser's, in the widget). */
export type Reader = { locale: string; timeZone: string };

const dayKey = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/** Whole calendar days from `now` to `at` in the reader's time zone (0 today, 1 tomorrow). */
function daysApart(at: Date, now: Date, timeZone: string): number {
  return Math.round((Date.parse(dayKey(at, timeZone)) - Date.parse(dayKey(now, timeZone))) / 86_400_000);
}

/**
 * When a team is back, said in the reader's language and time zone: "today at 9:00 AM", "tomorrow at 9:00 AM",
 * "Monday at 9:00 AM", "Monday, December 14 at 9:00 AM" (other languages get their own wording from Intl);
 * `bareToday` says only the time for later today ("until 9:00 AM").
 */
export function describeOpening(
  at: Date,
  now: Date,
  reader: Reader,
  options: { bareToday?: boolean } = {},
): string {
  const { locale, timeZone } = reader;
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
  const days = daysApart(at, now, timeZone);
  if (days <= 0 && options.bareToday) return time;
  if (days <= 1) {
    const day = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.max(0, days), 'day');
    return `${day} ${connector(locale)} ${time}`.replace(/\s+/g, ' ').trim();
  }
  const date = new Intl.DateTimeFormat(
    locale,
    days < 7 ? { timeZone, weekday: 'long' } : { timeZone, weekday: 'long', month: 'long', day: 'numeric' },
  ).format(at);
  return `${date} ${connector(locale)} ${time}`.replace(/\s+/g, ' ').trim();
}

/** The word between a day and a time ("at", "um", "à"), read from Intl's own full date-and-time format. */
function connector(locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(2026, 0, 5, 9)));
  const hour = parts.findIndex((p) => p.type === 'hour');
  const before = hour > 0 ? (parts[hour - 1]?.value ?? '') : '';
  const word = before.replace(/[\s,]+/g, ' ').trim();
  // A word of its own between spaces (" at ", " um "); a suffix of the day ("日 ") is not a connector.
  return parts[hour - 1]?.type === 'literal' && /^[\s,]+\S.*\s$/u.test(before) ? word : '';
}
