import type { SparseVector } from './fit-linear-svm.ts';
import { type LinearModel, scoreLinear } from './fit-linear-svm.ts';
import { shuffledRange } from './seeded-random.ts';

/** Trains a model on some rows: the shape every trainer is adapted to for cross-validation. */
export type FitModel = (xs: SparseVector[], ys: Int32Array) => LinearModel;

/**
 * K-fold cross-validation: every row is scored by a model that never saw it. Folds are stratified
 * by class so each fold holds a share of every intent.
 */
export function outOfFoldScores(
  xs: SparseVector[],
  ys: Int32Array,
  folds: number,
  train: FitModel,
  random: () => number,
): Float64Array[] {
  const foldOf = stratifiedFolds(ys, folds, random);
  const out: Float64Array[] = new Array(xs.length);
  for (let f = 0; f < folds; f++) {
    const rows: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < xs.length; i++) (foldOf[i] === f ? held : rows).push(i);
    if (held.length === 0) continue;
    const model = train(
      rows.map((i) => xs[i]!),
      Int32Array.from(rows, (i) => ys[i]!),
    );
    for (const i of held) out[i] = scoreLinear(model, xs[i]!, new Float64Array(model.classes));
  }
  return out;
}

/** Assigns each row a fold 0..folds-1, dealing each class's rows round-robin after a shuffle. */
export function stratifiedFolds(ys: Int32Array, folds: number, random: () => number): Int32Array {
  const foldOf = new Int32Array(ys.length);
  const next = new Map<number, number>();
  for (const i of shuffledRange(ys.length, random)) {
    const k = next.get(ys[i]!) ?? Math.floor(random() * folds);
    foldOf[i] = k % folds;
    next.set(ys[i]!, k + 1);
  }
  return foldOf;
}
