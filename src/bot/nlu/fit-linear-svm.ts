import { shuffledRange } from './seeded-random.ts';

/** Hyper-parameters of the one-vs-rest linear SVM. */
export type LinearSvmOptions = {
  /** inverse regularisation strength (liblinear's C) */
  cost: number;
  /** stopping tolerance on the projected gradient */
  tolerance: number;
  maxEpochs: number;
  random: () => number;
  onProgress?: (fraction: number) => void;
};

/**
 * Fits one-vs-rest L2-regularised squared-hinge SVMs by dual coordinate descent with shrinking
 * (Hsieh et al. 2008, liblinear's default solver); the bias is a regularised constant feature.
 * All classes are solved together, one example at a time, so every example's scores are one
 * contiguous pass over the feature-major weights.
 */
export function fitLinearSvm(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  width: number,
  options: LinearSvmOptions,
): LinearModel {
  return solveDualCoordinateDescent(xs, ys, classes, width, options, null);
}

/**
 * The dual coordinate descent behind `fitLinearSvm` and NB-SVM. With `scale` (feature-major, one factor per
 * feature and class) class c sees every feature j scaled by scale[j, c]; the weights returned are u = scale ⊙ w,
 * so the scaled rows are never built and scoring stays the plain linear model's.
 */
export function solveDualCoordinateDescent(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  width: number,
  options: LinearSvmOptions,
  scale: Float32Array | null,
): LinearModel {
  const model = emptyLinearModel(classes, width);
  const { weights, bias } = model;
  const n = xs.length;
  const diag = 0.5 / options.cost;
  const alpha = new Float64Array(n * classes);
  // 1 once an (example, class) pair has been shrunk away: far outside the margin with alpha = 0.
  const shrunk = new Uint8Array(n * classes);
  // Q_ii per example (unscaled) or per example and class (scaled).
  const qii = scale
    ? scaledDiagonal(xs, classes, diag, scale)
    : Float64Array.from(xs, (x) => x.value.reduce((s, v) => s + v * v, 1 + diag));
  const perClass = scale !== null;
  const dot = new Float64Array(classes);
  const step = new Float64Array(classes);
  const changed = new Int32Array(classes);
  let maxOld = new Float64Array(classes).fill(Number.POSITIVE_INFINITY);
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    const maxNew = new Float64Array(classes).fill(Number.NEGATIVE_INFINITY);
    const minNew = new Float64Array(classes).fill(Number.POSITIVE_INFINITY);
    for (const i of shuffledRange(n, options.random)) {
      const x = xs[i]!;
      for (let c = 0; c < classes; c++) dot[c] = bias[c]!;
      for (let k = 0; k < x.index.length; k++) {
        const v = x.value[k]!;
        const row = x.index[k]! * classes;
        for (let c = 0; c < classes; c++) dot[c] = dot[c]! + v * weights[row + c]!;
      }
      let nChanged = 0;
      const base = i * classes;
      for (let c = 0; c < classes; c++) {
        if (shrunk[base + c]) continue;
        const y = ys[i] === c ? 1 : -1;
        const a = alpha[base + c]!;
        const g = y * dot[c]! - 1 + diag * a;
        let pg = g;
        if (a === 0) {
          if (g > maxOld[c]!) {
            shrunk[base + c] = 1;
            continue;
          }
          pg = Math.min(g, 0);
        }
        if (pg > maxNew[c]!) maxNew[c] = pg;
        if (pg < minNew[c]!) minNew[c] = pg;
        if (Math.abs(pg) > 1e-12) {
          const next = Math.max(a - g / qii[perClass ? base + c : i]!, 0);
          alpha[base + c] = next;
          step[nChanged] = (next - a) * y;
          changed[nChanged++] = c;
        }
      }
      for (let m = 0; m < nChanged; m++) {
        const c = changed[m]!;
        const d = step[m]!;
        bias[c] = bias[c]! + d;
        if (scale) {
          for (let k = 0; k < x.index.length; k++) {
            const j = x.index[k]! * classes + c;
            const r = scale[j]!;
            weights[j] = weights[j]! + d * x.value[k]! * r * r;
          }
        } else {
          for (let k = 0; k < x.index.length; k++) {
            const j = x.index[k]! * classes + c;
            weights[j] = weights[j]! + d * x.value[k]!;
          }
        }
      }
    }
    options.onProgress?.((epoch + 1) / options.maxEpochs);
    let worst = 0;
    for (let c = 0; c < classes; c++) worst = Math.max(worst, maxNew[c]! - minNew[c]!);
    if (worst <= options.tolerance) break;
    maxOld = maxNew.map((m) => (m > 0 ? m : Number.POSITIVE_INFINITY));
  }
  options.onProgress?.(1);
  return model;
}

function scaledDiagonal(
  xs: SparseVector[],
  classes: number,
  diag: number,
  scale: Float32Array,
): Float64Array {
  const qii = new Float64Array(xs.length * classes).fill(1 + diag);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const base = i * classes;
    for (let k = 0; k < x.index.length; k++) {
      const v = x.value[k]!;
      const row = x.index[k]! * classes;
      for (let c = 0; c < classes; c++) {
        const sv = v * scale[row + c]!;
        qii[base + c] = qii[base + c]! + sv * sv;
      }
    }
  }
  return qii;
}

/** A sparse row: column indices and their values, same length. */
export type SparseVector = { index: Int32Array; value: Float32Array };

/** A linear scorer over sparse rows; weights are feature-major (`width` rows of `classes` values). */
export type LinearModel = { classes: number; width: number; weights: Float32Array; bias: Float32Array };

/** Creates an all-zero model. */
export function emptyLinearModel(classes: number, width: number): LinearModel {
  return { classes, width, weights: new Float32Array(classes * width), bias: new Float32Array(classes) };
}

/** Writes the raw score of every class for row `x` into `out` (length `classes`). */
export function scoreLinear(model: LinearModel, x: SparseVector, out: Float64Array): Float64Array {
  const { classes, weights } = model;
  for (let c = 0; c < classes; c++) out[c] = model.bias[c]!;
  for (let k = 0; k < x.index.length; k++) {
    const v = x.value[k]!;
    const row = x.index[k]! * classes;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + v * weights[row + c]!;
  }
  return out;
}

/** Turns scores into probabilities in place: softmax of scores divided by `temperature`. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c]! - max) / temperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = scores[c]! / sum;
  return scores;
}
