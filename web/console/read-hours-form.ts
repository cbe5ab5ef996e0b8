import type { BusinessHours, WeeklyHours } from './settings-api.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The hours form as the admin edits it: one text per day ("09:00-12:00, 13:00-17:00", empty when closed). */
export type HoursForm = { alwaysOpen: boolean; timezone: string; days: Record<Weekday, string> };

/** What the form reads as: hours to save (null: always open), or a human message per field. */
export type HoursReading =
  | { kind: 'ok'; hours: BusinessHours | null }
  | { kind: 'invalid'; errors: Partial<Record<Weekday | 'timezone', string>> };

/** The form for a team's stored hours. */
export function hoursToForm(hours: BusinessHours | null, fallbackZone: string): HoursForm {
  const days = Object.fromEntries(weekdays.map((d) => [d, (hours?.weekly[d] ?? []).join(', ')]));
  return {
    alwaysOpen: hours === null,
    timezone: hours?.timezone ?? fallbackZone,
    days: days as Record<Weekday, string>,
  };
}

/** Whether the browser knows a time zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const rangePattern = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** One range as the API wants it ("9:00 - 17:30" -> "09:00-17:30"), or why it cannot be. */
function readRange(text: string): { range: string } | { problem: string } {
  const m = rangePattern.exec(text.trim());
  if (!m) return { problem: `“${text.trim()}” is not a time range; write it like 09:00-17:00` };
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  const valid = (h: number, min: number) => min < 60 && (h < 24 || (h === 24 && min === 0));
  if (!valid(h1, m1) || !valid(h2, m2)) return { problem: `${text.trim()} has a time that does not exist` };
  if (h1 * 60 + m1 >= h2 * 60 + m2) return { problem: `${text.trim()} closes before it opens` };
  return { range: `${pad(h1)}:${pad(m1)}-${pad(h2)}:${pad(m2)}` };
}

/** Checks the hours form and turns it into what the API stores, keeping the team's holidays. */
export function readHoursForm(form: HoursForm, holidays: BusinessHours['holidays'] = []): HoursReading {
  if (form.alwaysOpen) return { kind: 'ok', hours: null };
  const errors: Partial<Record<Weekday | 'timezone', string>> = {};
  if (!isTimeZone(form.timezone.trim()))
    errors.timezone = form.timezone.trim()
      ? `“${form.timezone.trim()}” is not a time zone; pick one from the list, like Europe/Paris`
      : 'Choose the time zone the hours are in';
  const weekly = {} as WeeklyHours;
  for (const day of weekdays) {
    const parts = form.days[day]
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const read = parts.map(readRange);
    const problem = read.find((r): r is { problem: string } => 'problem' in r);
    if (problem) errors[day] = `${weekdayNames[day]}: ${problem.problem}`;
    weekly[day] = read.flatMap((r) => ('range' in r ? [r.range] : [])).sort();
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  return { kind: 'ok', hours: { timezone: form.timezone.trim(), weekly, holidays } };
}
