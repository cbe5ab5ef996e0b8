import { describe, expect, it } from 'vitest';
import { chooseOosThreshold, measureThreshold, type ScoredMessage } from './choose-oos-threshold.ts';

const m = (confidence: number, correct = true, oosWins = false): ScoredMessage => ({
  confidence,
  correct,
  oosWins,
});
const inScope = [m(0.9), m(0.8), m(0.6), m(0.4, false), m(0.3)];
const oos = [m(0.7, false), m(0.35, false), m(0.2, false), m(0.5, false, true)];

describe('chooseOosThreshold', () => {
  it.each([
    // target, threshold, in-scope accuracy, out-of-scope recall
    [0.25, 0, 0.8, 0.25],
    [0.5, 0.3, 0.8, 0.5],
    [0.75, 0.4, 0.6, 0.75],
    [1, 0.8, 0.4, 1],
  ])('target recall %d -> threshold %d', (target, threshold, accuracy, recall) => {
    const choice = chooseOosThreshold(inScope, oos, target);
    expect(choice.threshold).toBe(threshold);
    expect(choice.inScopeAccuracy).toBeCloseTo(accuracy);
    expect(choice.oosRecall).toBeCloseTo(recall);
  });

  it('falls back to the best recall when no threshold reaches the target', () => {
    expect(chooseOosThreshold([m(0.9)], [m(0.95, false)], 1.5).oosRecall).toBe(1);
  });
});

describe('measureThreshold', () => {
  it('counts a message the oos class wins as rejected at any threshold', () => {
    expect(measureThreshold([m(0.9, true, true)], [m(0.9, false, true)], 0)).toEqual({
      threshold: 0,
      inScopeAccuracy: 0,
      oosRecall: 1,
    });
  });
});
