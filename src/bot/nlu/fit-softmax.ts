import { emptyLinearModel, type LinearModel, scoreLinear, softmaxInPlace } from './linear-model.ts';
import { shuffledRange } from './seeded-random.ts';
import type { SparseVector } from './sparse-vector.ts';

/** Hyper-parameters of softmax regression trained with SGD. */
export type SoftmaxOptions = {
  epochs: number;
  learningRate: number;
  /** L2 penalty per example */
  lambda: number;
  random: () => number;
  onProgress?: (fraction: number) => void;
};

/** Fits multinomial logistic regression by SGD with linearly decaying step and L2 weight decay. */
export function fitSoftmax(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  width: number,
  options: SoftmaxOptions,
): LinearModel {
  const model = emptyLinearModel(classes, width);
  const { weights, bias } = model;
  const p = new Float64Array(classes);
  const total = options.epochs * xs.length;
  // The true weights are `scale * weights`, so decay costs O(1) per step instead of O(width * classes).
  let scale = 1;
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffledRange(xs.length, options.random);
    for (const i of order) {
      const x = xs[i]!;
      const eta = options.learningRate * (1 - step / total);
      step++;
      scoreLinear(model, x, p);
      // bias is stored unscaled, so only the weight part of the scores is rescaled
      scaleScores(model, x, p, scale);
      softmaxInPlace(p);
      p[ys[i]!] = p[ys[i]!]! - 1;
      scale *= 1 - eta * options.lambda;
      const g = eta / scale;
      for (let c = 0; c < classes; c++) bias[c] = bias[c]! - eta * p[c]!;
      for (let k = 0; k < x.index.length; k++) {
        const v = g * x.value[k]!;
        const row = x.index[k]! * classes;
        for (let c = 0; c < classes; c++) {
          const d = p[c]!;
          if (d > 1e-5 || d < -1e-5) weights[row + c] = weights[row + c]! - v * d;
        }
      }
      if (scale < 1e-4) {
        for (let j = 0; j < weights.length; j++) weights[j] = weights[j]! * scale;
        scale = 1;
      }
    }
    options.onProgress?.((epoch + 1) / options.epochs);
  }
  for (let j = 0; j < weights.length; j++) weights[j] = weights[j]! * scale;
  return model;
}

function scaleScores(model: LinearModel, _x: SparseVector, p: Float64Array, scale: number): void {
  if (scale === 1) return;
  for (let c = 0; c < model.classes; c++) p[c] = model.bias[c]! + (p[c]! - model.bias[c]!) * scale;
}
