const units: Record<string, [string, string]> = {
  Y: ['year', 'years'],
  M: ['month', 'months'],
  W: ['week', 'weeks'],
  D: ['day', 'days'],
  TH: ['hour', 'hours'],
  TM: ['minute', 'minutes'],
};

/**
 * An extracted detail as a person reads it: an ISO 8601 duration ("P22Y") becomes "22 years", an ISO date
 * ("2026-12-07") a date in the reader's language; anything else is shown as it is.
 */
export function formatEntityValue(type: string, value: string, locale?: string): string {
  if (type === 'duration') {
    const m = /^P(?:(\d+(?:\.\d+)?)([YMWD]))?(?:T(\d+(?:\.\d+)?)([HM]))?$/.exec(value);
    const n = m?.[1] ?? m?.[3];
    const unit = m?.[2] ?? (m?.[4] ? `T${m[4]}` : undefined);
    const names = unit ? units[unit] : undefined;
    if (n && names) return `${n} ${Number(n) === 1 ? names[0] : names[1]}`;
    return value;
  }
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = new Date(`${value}T12:00:00Z`);
    if (!Number.isNaN(at.getTime()))
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
  }
  return value;
}
