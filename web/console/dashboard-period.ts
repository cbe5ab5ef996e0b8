/** The dashboard's period: one of the presets up to now, or whole UTC days picked by date (`YYYY-MM-DD`). */
export type Period = { kind: '24h' | '7d' | '30d' } | { kind: 'custom'; from: string; to: string };

export const presetLabels = { '24h': 'Last 24 h', '7d': '7 days', '30d': '30 days' } as const;

const hourMs = 3600_000;
const dayMs = 24 * hourMs;
const presetMs = { '24h': dayMs, '7d': 7 * dayMs, '30d': 30 * dayMs } as const;
/** The longest span the summary API accepts. */
export const maxDays = 400;

/**
 * The ISO range of a period at `now` (epoch ms): a preset ends now; custom dates run from the start of `from`
 * to the end of `to` (UTC days, as the summary's daily buckets). A custom period that is not a valid range
 * gives the reason instead.
 */
export function periodRange(period: Period, now: number): { from: string; to: string } | { error: string } {
  if (period.kind !== 'custom') {
    return { from: new Date(now - presetMs[period.kind]).toISOString(), to: new Date(now).toISOString() };
  }
  const from = utcDay(period.from);
  const to = utcDay(period.to);
  if (from === null || to === null) return { error: 'Pick both dates.' };
  if (to < from) return { error: 'The end date is before the start date.' };
  const end = to + dayMs;
  if (end - from > maxDays * dayMs) return { error: `Pick at most ${maxDays} days.` };
  return { from: new Date(from).toISOString(), to: new Date(end).toISOString() };
}

/** `YYYY-MM-DD` of the UTC day `days` before `now` (for the custom date inputs' defaults). */
export function isoDay(now: number, days = 0): string {
  return new Date(now - days * dayMs).toISOString().slice(0, 10);
}

/**
 * How a bucket of the summary's series is labelled on an axis: the hour (local time) for hourly buckets,
 * the UTC date for daily ones.
 */
export function bucketLabel(start: string, bucket: 'hour' | 'day'): string {
  const d = new Date(start);
  if (Number.isNaN(d.getTime())) return '';
  return bucket === 'hour'
    ? d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function utcDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : null;
}
