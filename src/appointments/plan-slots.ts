import type { BusinessHours } from '../routing/business-hours.ts';

/** A time a customer can be seen, as instants. */
export type Slot = { startsAt: Date; endsAt: Date };

/** How a place books: slot length, how many at once, how far ahead, how many days. */
export type SlotRules = { slotMinutes: number; capacity: number; leadMinutes: number; daysAhead: number };

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffset(at: number, format: Intl.DateTimeFormat): number {
  const p = Object.fromEntries(format.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return local - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time in a zone (the later reading across a DST change). */
export function zonedTime(
  date: { y: number; m: number; d: number },
  minute: number,
  format: Intl.DateTimeFormat,
): Date {
  const wall = Date.UTC(date.y, date.m - 1, date.d, 0, minute);
  const guess = wall - zoneOffset(wall, format);
  return new Date(wall - zoneOffset(guess, format));
}

/** A formatter reading wall-clock parts in a zone (build once, reuse). */
export function zoneFormat(timezone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * The free slots of a place: every `slotMinutes` from the start of each opening range, whole slots only, none
 * on holidays, none sooner than `leadMinutes` from now, over `daysAhead` local days, without those already
 * booked `capacity` times. Pure: the time and the bookings are passed in.
 */
export function planSlots(input: {
  hours: BusinessHours;
  rules: SlotRules;
  now: Date;
  /** Start times of appointments already booked (not cancelled). */
  booked: readonly Date[];
}): Slot[] {
  const { hours, rules, now } = input;
  const format = zoneFormat(hours.timezone);
  const taken = new Map<number, number>();
  for (const b of input.booked) taken.set(b.getTime(), (taken.get(b.getTime()) ?? 0) + 1);
  const earliest = now.getTime() + rules.leadMinutes * 60_000;
  const today = Object.fromEntries(format.formatToParts(now).map((x) => [x.type, x.value]));
  const slots: Slot[] = [];
  for (let i = 0; i < rules.daysAhead; i++) {
    const day = new Date(Date.UTC(Number(today.year), Number(today.month) - 1, Number(today.day) + i));
    const date = { y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() };
    const iso = day.toISOString().slice(0, 10);
    if (hours.holidays.some((h) => h.date === iso)) continue;
    for (const range of hours.weekly[weekdays[day.getUTCDay()]!] ?? []) {
      const [from, to] = range.split('-') as [string, string];
      for (let m = toMinutes(from); m + rules.slotMinutes <= toMinutes(to); m += rules.slotMinutes) {
        const startsAt = zonedTime(date, m, format);
        if (startsAt.getTime() < earliest) continue;
        if ((taken.get(startsAt.getTime()) ?? 0) >= rules.capacity) continue;
        slots.push({ startsAt, endsAt: new Date(startsAt.getTime() + rules.slotMinutes * 60_000) });
      }
    }
  }
  return slots;
}
