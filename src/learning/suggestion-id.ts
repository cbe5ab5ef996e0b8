import { createHash } from 'node:crypto';
import type { PackChange, SuggestionKind } from '../protocol/learning.ts';

/** JSON with object keys sorted, so that equal data always gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The stable id of a suggestion: a hash of its kind and its change. A learned model's weights change with
 * every refit, so for `set_learned_model` only the operation itself counts (one learned-signal proposal).
 */
export function suggestionId(kind: SuggestionKind, change: readonly PackChange[]): string {
  const key = change.map((c) => (c.op === 'set_learned_model' ? { op: c.op } : c));
  return `sg-${createHash('sha256').update(canonical({ kind, key })).digest('hex').slice(0, 16)}`;
}
