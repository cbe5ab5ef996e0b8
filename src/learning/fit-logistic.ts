import type { Features } from './turn-features.ts';

/** One training example: features and a class index (0/1 for the binary model, a team index otherwise). */
export type Example = { features: Features; label: number };

export type FitOptions = {
  epochs?: number;
  rate?: number;
  l2?: number;
  seed?: number;
  minCount?: number;
  /** Two classes returned as one logistic model (class 1 minus class 0) in place of class 1. */
  binary?: boolean;
};

/** A fitted linear model per class: bias and weights by feature name. */
export type LinearModel = { bias: number; weights: Record<string, number> }[];

/** Deterministic shuffle order (mulberry32) so the same data always gives the same model. */
function order(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx;
}

/**
 * Fits a softmax (for two classes: logistic) regression with AdaGrad and L2, over features seen in at least
 * `minCount` examples. Returns one linear model per class (for two classes, only class 1's is meaningful:
 * the difference of the two is returned as class 1 and class 0 is zero). Pure and deterministic.
 */
export function fitLinear(
  examples: readonly Example[],
  classes: number,
  options: FitOptions = {},
): LinearModel {
  const { epochs = 30, rate = 0.3, l2 = 1e-3, seed = 1, minCount = 2, binary = false } = options;
  const counts = new Map<string, number>();
  for (const e of examples)
    for (const name of e.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [name, n] of counts) if (n >= minCount) vocab.set(name, vocab.size);
  const k = classes;
  const dim = vocab.size;
  const w = new Float64Array(k * dim);
  const g2 = new Float64Array(k * dim).fill(1e-8);
  const b = new Float64Array(k);
  const gb = new Float64Array(k).fill(1e-8);
  const rows = examples.map((e) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, v] of e.features) {
      const i = vocab.get(name);
      if (i !== undefined && v !== 0) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx, val, label: e.label };
  });
  const z = new Float64Array(k);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const r of order(rows.length, seed + epoch)) {
      const row = rows[r]!;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = b[c]!;
        for (let j = 0; j < row.idx.length; j++) s += w[c * dim + row.idx[j]!]! * row.val[j]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < k; c++) {
        z[c] = Math.exp(z[c]! - max);
        sum += z[c]!;
      }
      for (let c = 0; c < k; c++) {
        const err = z[c]! / sum - (row.label === c ? 1 : 0);
        gb[c] = gb[c]! + err * err;
        b[c] = b[c]! - (rate * err) / Math.sqrt(gb[c]!);
        for (let j = 0; j < row.idx.length; j++) {
          const at = c * dim + row.idx[j]!;
          const grad = err * row.val[j]! + l2 * w[at]!;
          g2[at] = g2[at]! + grad * grad;
          w[at] = w[at]! - (rate * grad) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  const names = [...vocab.keys()];
  const models: LinearModel = [];
  for (let c = 0; c < k; c++) {
    const weights: Record<string, number> = {};
    names.forEach((name, i) => {
      const v = binary ? w[dim + i]! - w[i]! : w[c * dim + i]!;
      if (Math.abs(v) >= 0.01) weights[name] = Math.round(v * 1000) / 1000;
    });
    const bias = binary ? b[1]! - b[0]! : b[c]!;
    models.push({ bias: Math.round(bias * 1000) / 1000, weights });
  }
  return models;
}
