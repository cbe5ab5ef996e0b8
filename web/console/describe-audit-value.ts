const dayNames: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const isHours = (v: unknown): v is { timezone: string; weekly: Record<string, string[]> } =>
  typeof v === 'object' && v !== null && 'timezone' in v && 'weekly' in v;

/** One side of a changed field as a short line an admin reads: hours by day, lists joined, nothing as a dash. */
export function describeAuditValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(describeAuditValue).join(', ');
  if (isHours(value)) {
    const days = Object.entries(dayNames)
      .map(([key, name]) => {
        const ranges = value.weekly[key] ?? [];
        return ranges.length > 0 ? `${name} ${ranges.join(', ')}` : null;
      })
      .filter(Boolean);
    return `${value.timezone}: ${days.length > 0 ? days.join('; ') : 'closed every day'}`;
  }
  return JSON.stringify(value);
}

/** The fields an audit entry shows, in a stable order; a creation has no before, a removal no after. */
export function auditFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { field: string; before: string | null; after: string | null }[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((field) => ({
    field,
    before: before ? describeAuditValue(before[field]) : null,
    after: after ? describeAuditValue(after[field]) : null,
  }));
}
