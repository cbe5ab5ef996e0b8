/** A team's opening hours in its own time zone. */
export type BusinessHours = {
  timezone: string;
  weekly: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', readonly string[]>;
  holidays: readonly { date: string; name?: string }[];
};

const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The local date, weekday and minute of the day of an instant in a time zone. */
function localParts(
  at: Date,
  timezone: string,
): { date: string; day: (typeof days)[number]; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as (typeof days)[number];
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    day,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the team is open at an instant; no hours configured means always open. */
export function isOpen(hours: BusinessHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const local = localParts(at, hours.timezone);
  if (hours.holidays.some((h) => h.date === local.date)) return false;
  return (hours.weekly[local.day] ?? []).some((range) => {
    const [from, to] = range.split('-') as [string, string];
    return local.minute >= toMinutes(from) && local.minute < toMinutes(to);
  });
}

/** The next instant (to the minute, within 8 days) when the team opens, or null if it never does. */
export function nextOpening(hours: BusinessHours | null | undefined, at: Date): Date | null {
  if (!hours || isOpen(hours, at)) return at;
  const start = Math.ceil(at.getTime() / 60_000) * 60_000;
  // Step by 15 minutes, then refine to the minute: opening times are on the quarter hour in practice.
  for (let t = start; t < start + 8 * 24 * 3600_000; t += 15 * 60_000) {
    if (isOpen(hours, new Date(t))) {
      let lo = t - 15 * 60_000;
      while (lo + 60_000 < t && !isOpen(hours, new Date(lo + 60_000))) lo += 60_000;
      return new Date(Math.max(start, lo + 60_000));
    }
  }
  return null;
}
