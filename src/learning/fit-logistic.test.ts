import { describe, expect, it } from 'vitest';
import { fitLinear } from './fit-logistic.ts';
import { scoreNeed } from './turn-features.ts';

const f = (...names: string[]) => new Map(names.map((n) => [n, 1]));

describe('fitLinear', () => {
  it('learns which feature means "person needed", the same way every time', () => {
    const examples = [
      ...Array.from({ length: 6 }, () => ({ features: f('w:refund', 'w:late'), label: 1 })),
      ...Array.from({ length: 6 }, () => ({ features: f('w:hours', 'w:late'), label: 0 })),
    ];
    const [, model] = fitLinear(examples, 2, { binary: true });
    expect(scoreNeed(model!, f('w:refund'))).toBeGreaterThan(0.8);
    expect(scoreNeed(model!, f('w:hours'))).toBeLessThan(0.2);
    expect(fitLinear(examples, 2, { binary: true })).toEqual(fitLinear(examples, 2, { binary: true }));
  });

  it('drops features seen fewer than minCount times', () => {
    const examples = [
      { features: f('w:once', 'w:twice'), label: 1 },
      { features: f('w:twice'), label: 0 },
    ];
    const [, model] = fitLinear(examples, 2, { binary: true, minCount: 2 });
    expect(model!.weights['w:once']).toBeUndefined();
  });
});
