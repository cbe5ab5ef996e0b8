/**
 * Assigns items to `k` folds, stratified by a label (each fold gets its share of each label), in a seeded
 * order: the same labels and seed always give the same folds. Pure.
 */
export function assignFolds(labels: readonly boolean[], k: number, seed: number): number[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const folds = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const value of [true, false]) {
    const idx = labels.flatMap((l, i) => (l === value ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const i of idx) folds[i] = next++ % k;
  }
  return folds;
}
