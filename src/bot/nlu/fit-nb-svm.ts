import type { LinearModel, LinearSvmOptions, SparseVector } from './fit-linear-svm.ts';
import { emptyLinearModel } from './fit-linear-svm.ts';
import { shuffledRange } from './seeded-random.ts';

/** NB-SVM knobs on top of the SVM's: Laplace smoothing of the counts and the interpolation weight. */
export type NbSvmOptions = LinearSvmOptions & {
  /** add-alpha smoothing of the per-class feature counts (Wang & Manning use 1) */
  alpha: number;
  /** interpolation between the mean weight (0: naive-Bayes-like) and the SVM weight (1) */
  beta: number;
};

/**
 * Per-class log-count ratios r[j, c] = log((p / |p|1) / (q / |q|1)) over binarised features, where p
 * counts class c's documents containing feature j and q the other classes' (feature-major, like weights).
 */
export function logCountRatios(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  width: number,
  alpha: number,
): Float32Array {
  const perClass = new Float32Array(width * classes);
  const total = new Float64Array(width);
  const classMass = new Float64Array(classes);
  let mass = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const c = ys[i]!;
    for (let k = 0; k < x.index.length; k++) {
      const j = x.index[k]!;
      perClass[j * classes + c] = perClass[j * classes + c]! + 1;
      total[j] = total[j]! + 1;
    }
    classMass[c] = classMass[c]! + x.index.length;
    mass += x.index.length;
  }
  const r = perClass;
  for (let c = 0; c < classes; c++) {
    const pNorm = Math.log(classMass[c]! + alpha * width);
    const qNorm = Math.log(mass - classMass[c]! + alpha * width);
    for (let j = 0; j < width; j++) {
      const p = perClass[j * classes + c]!;
      r[j * classes + c] = Math.log(p + alpha) - pNorm - (Math.log(total[j]! - p + alpha) - qNorm);
    }
  }
  return r;
}

/**
 * NB-SVM (Wang & Manning 2012), one-vs-rest: class c's SVM sees the features scaled by its log-count
 * ratios r_c, and the weight vector is interpolated towards its mean magnitude, w' = (1-β)·mean|w| + β·w.
 * The model stores the effective weights r_c ⊙ w'_c, so scoring is the plain linear model's.
 * Solved by the same dual coordinate descent as `fitLinearSvm`, on u = r ⊙ w (so the scaled rows are never built).
 */
export function fitNbSvm(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  width: number,
  options: NbSvmOptions,
): LinearModel {
  const r = logCountRatios(xs, ys, classes, width, options.alpha);
  const model = emptyLinearModel(classes, width);
  const { weights: u, bias } = model;
  const n = xs.length;
  const diag = 0.5 / options.cost;
  const alpha = new Float64Array(n * classes);
  const shrunk = new Uint8Array(n * classes);
  const qii = new Float64Array(n * classes).fill(1 + diag);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const base = i * classes;
    for (let k = 0; k < x.index.length; k++) {
      const v = x.value[k]!;
      const row = x.index[k]! * classes;
      for (let c = 0; c < classes; c++) {
        const s = v * r[row + c]!;
        qii[base + c] = qii[base + c]! + s * s;
      }
    }
  }
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
        for (let c = 0; c < classes; c++) dot[c] = dot[c]! + v * u[row + c]!;
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
          const next = Math.max(a - g / qii[base + c]!, 0);
          alpha[base + c] = next;
          step[nChanged] = (next - a) * y;
          changed[nChanged++] = c;
        }
      }
      for (let m = 0; m < nChanged; m++) {
        const c = changed[m]!;
        const d = step[m]!;
        bias[c] = bias[c]! + d;
        for (let k = 0; k < x.index.length; k++) {
          const j = x.index[k]! * classes + c;
          const rj = r[j]!;
          u[j] = u[j]! + d * x.value[k]! * rj * rj;
        }
      }
    }
    options.onProgress?.((epoch + 1) / options.maxEpochs);
    let worst = 0;
    for (let c = 0; c < classes; c++) worst = Math.max(worst, maxNew[c]! - minNew[c]!);
    if (worst <= options.tolerance) break;
    maxOld = maxNew.map((m) => (m > 0 ? m : Number.POSITIVE_INFINITY));
  }
  if (options.beta < 1) {
    // w = u / r; w' = (1-β)·mean|w| + β·w; stored: r ⊙ w' = (1-β)·mean|w|·r + β·u
    const meanAbs = new Float64Array(classes);
    for (let j = 0; j < width * classes; j++) {
      const rj = r[j]!;
      if (rj !== 0) meanAbs[j % classes] = meanAbs[j % classes]! + Math.abs(u[j]! / rj);
    }
    for (let c = 0; c < classes; c++) meanAbs[c] = meanAbs[c]! / Math.max(width, 1);
    for (let j = 0; j < width * classes; j++) {
      u[j] = (1 - options.beta) * meanAbs[j % classes]! * r[j]! + options.beta * u[j]!;
    }
  }
  options.onProgress?.(1);
  return model;
}
