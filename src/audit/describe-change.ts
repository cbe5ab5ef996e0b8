import { hiddenValue } from '../protocol/audit.ts';

/** What an audit entry keeps of a change: only the fields that differ, secrets marked but never stored. */
export type ChangeRecord = { before: Record<string, unknown> | null; after: Record<string, unknown> | null };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const hide = (value: Record<string, unknown>, secrets: readonly string[]) =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secrets.includes(k) ? hiddenValue : v]));

/**
 * Compares a setting before and after a change. A creation (before null) or a removal (after null) keeps the
 * whole record; an update keeps the changed fields on both sides. Fields named in `secrets` show as hidden.
 */
export function describeChange(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  secrets: readonly string[] = [],
): ChangeRecord {
  if (!before || !after)
    return { before: before && hide(before, secrets), after: after && hide(after, secrets) };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !same(before[k], after[k]),
  );
  const pick = (r: Record<string, unknown>) =>
    hide(Object.fromEntries(keys.map((k) => [k, r[k] ?? null])), secrets);
  return { before: pick(before), after: pick(after) };
}

/** Whether a change left everything as it was (nothing to record). */
export const isNoChange = (change: ChangeRecord) =>
  change.before !== null &&
  change.after !== null &&
  Object.keys(change.before).length === 0 &&
  Object.keys(change.after).length === 0;
