/** One difference between two pack documents, at the place it happened (`intents[card_lost].examples`). */
export type PackDiffEntry =
  | { path: string; kind: 'added'; after: unknown }
  | { path: string; kind: 'removed'; before: unknown }
  | { path: string; kind: 'changed'; before: unknown; after: unknown };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (list: unknown[]) =>
  list.length > 0 && list.every((v) => isObj(v) && typeof v.id === 'string');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from one pack document to another, as a person reads it: lists of things with ids are compared
 * by id (an intent, an article, a rule), lists of words item by item (examples, terms), the rest by value. Pure.
 */
export function diffPacks(before: unknown, after: unknown, path = ''): PackDiffEntry[] {
  if (same(before, after)) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffPacks(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (
      (hasIds(before) || before.length === 0) &&
      (hasIds(after) || after.length === 0) &&
      (before.length || after.length)
    ) {
      const byId = (list: unknown[]) => new Map(list.map((v) => [(v as Obj).id as string, v]));
      const a = byId(before);
      const b = byId(after);
      const ids = [...new Set([...a.keys(), ...b.keys()])];
      return ids.flatMap((id) => diffPacks(a.get(id), b.get(id), `${path}[${id}]`));
    }
    if ([...before, ...after].every((v) => !isObj(v) && !Array.isArray(v))) {
      const a = new Set(before.map((v) => JSON.stringify(v)));
      const b = new Set(after.map((v) => JSON.stringify(v)));
      return [
        ...before
          .filter((v) => !b.has(JSON.stringify(v)))
          .map((v) => ({ path, kind: 'removed' as const, before: v })),
        ...after
          .filter((v) => !a.has(JSON.stringify(v)))
          .map((v) => ({ path, kind: 'added' as const, after: v })),
      ];
    }
  }
  return [{ path, kind: 'changed', before, after }];
}

/** What changed between two pack documents: the pack's own paths (`knowledge[x]`), then `lexicon.<set>`. */
export function diffDocuments(
  before: { pack: unknown; lexicon: unknown },
  after: { pack: unknown; lexicon: unknown },
): PackDiffEntry[] {
  return [...diffPacks(before.pack, after.pack), ...diffPacks(before.lexicon, after.lexicon, 'lexicon')];
}
