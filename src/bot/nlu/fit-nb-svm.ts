import type { LinearModel, LinearSvmOptions, SparseVector } from './fit-linear-svm.ts';
import { solveDualCoordinateDescent } from './fit-linear-svm.ts';

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
  const model = solveDualCoordinateDescent(xs, ys, classes, width, options, r);
  const u = model.weights;
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
