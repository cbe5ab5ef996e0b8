import { applyChanges } from '../learning/apply-changes.ts';
import type { PackChange, PackDocument } from '../protocol/learning.ts';

/** A version approved on top of the pack file, to carry onto a changed file; `changes` null = a direct edit. */
export type CarriedVersion = { version: number; changes: readonly PackChange[] | null };

/** The changed file with the approved versions' changes re-applied, and those that no longer fit. */
export type Rebased = {
  document: PackDocument;
  applied: number[];
  skipped: { version: number; why: string }[];
};

/**
 * Re-applies the changes of approved versions, oldest first, to a changed pack file: each change is semantic
 * (an intent, an article, a rule by id), so it means the same on the new file. A version whose change no longer
 * applies (its intent or rule is gone) or leaves a pack that does not validate (`check` throws) is skipped with
 * the reason; a direct edit has no change to re-apply. Pure apart from `check`.
 */
export function rebaseOnFile(
  file: PackDocument,
  carried: readonly CarriedVersion[],
  check: (doc: PackDocument) => void,
): Rebased {
  let document = file;
  const applied: number[] = [];
  const skipped: Rebased['skipped'] = [];
  for (const v of carried) {
    if (!v.changes) {
      skipped.push({ version: v.version, why: 'a direct edit, not a list of changes' });
      continue;
    }
    try {
      const next = applyChanges(document, v.changes);
      check(next);
      document = next;
      applied.push(v.version);
    } catch (err) {
      skipped.push({ version: v.version, why: err instanceof Error ? err.message : String(err) });
    }
  }
  return { document, applied, skipped };
}
