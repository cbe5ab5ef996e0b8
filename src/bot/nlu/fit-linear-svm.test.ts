import { describe, expect, it } from 'vitest';
import { outOfFoldScores, stratifiedFolds } from './cross-validate.ts';
import { fitLinearSvm, type SparseVector, scoreLinear, softmaxInPlace } from './fit-linear-svm.ts';
import { fitTemperature, softmaxLoss } from './fit-temperature.ts';
import { seededRandom } from './seeded-random.ts';

/** Three classes, each with its own feature column plus shared noise columns. */
function toyData(n: number, random: () => number): { xs: SparseVector[]; ys: Int32Array } {
  const xs: SparseVector[] = [];
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ys[i] = i % 3;
    const noise = 3 + Math.floor(random() * 5);
    xs.push({ index: Int32Array.of(ys[i]!, noise), value: Float32Array.of(0.8, 0.6) });
  }
  return { xs, ys };
}

const options = (seed: number) => ({ cost: 1, tolerance: 0.01, maxEpochs: 50, random: seededRandom(seed) });
const argmax = (s: Float64Array) => s.indexOf(Math.max(...s));

describe('fitLinearSvm', () => {
  const { xs, ys } = toyData(60, seededRandom(3));

  it('separates separable classes', () => {
    const model = fitLinearSvm(xs, ys, 3, 8, options(1));
    xs.forEach((x, i) => {
      expect(argmax(scoreLinear(model, x, new Float64Array(3)))).toBe(ys[i]);
    });
  });

  it('gives the same weights for the same seed', () => {
    expect(fitLinearSvm(xs, ys, 3, 8, options(5)).weights).toEqual(
      fitLinearSvm(xs, ys, 3, 8, options(5)).weights,
    );
  });

  it('scores every row out of fold with stratified folds', () => {
    const folds = stratifiedFolds(ys, 5, seededRandom(2));
    for (let f = 0; f < 5; f++) {
      const classes = new Set([...ys].filter((_, i) => folds[i] === f));
      expect(classes.size).toBe(3);
    }
    const scores = outOfFoldScores(
      xs,
      ys,
      5,
      (a, b) => fitLinearSvm(a, b, 3, 8, options(1)),
      seededRandom(2),
    );
    expect(scores.every((s) => s.length === 3)).toBe(true);
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    const random = seededRandom(11);
    const scores: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = Float64Array.from({ length: 4 }, () => random() * 2);
      const p = softmaxInPlace(Float64Array.from(s), 0.5);
      let u = random();
      let label = 0;
      while (label < 3 && u > p[label]!) u -= p[label++]!;
      scores.push(s);
      labels.push(label);
    }
    const t = fitTemperature({ scores, labels });
    expect(t).toBeGreaterThan(0.4);
    expect(t).toBeLessThan(0.62);
    expect(softmaxLoss({ scores, labels }, t)).toBeLessThan(softmaxLoss({ scores, labels }, 1));
  });

  it('stays near its floor when every held-out message is right by a wide margin', () => {
    const scores = [Float64Array.of(2, -1), Float64Array.of(-1, 2)];
    const t = fitTemperature({ scores, labels: [0, 1] });
    expect(t).toBeGreaterThanOrEqual(0.05);
    expect(t).toBeLessThan(0.1);
  });
});
