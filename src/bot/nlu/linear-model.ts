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
