import { describe, expect, it } from 'vitest';
import { describeEffect, showValue } from './describe-effect.ts';

const scores = (f1: number, needless: number) => ({
  precision: 0.8,
  recall: 0.9,
  f1,
  needless,
  teamAccuracy: 1,
  handoffs: 10,
});

describe('describeEffect', () => {
  it('says when it was not measured', () => {
    expect(
      describeEffect({
        method: 'not_measured',
        folds: 0,
        conversations: 0,
        before: null,
        after: null,
        handoffsGained: 0,
        handoffsLost: 0,
        note: 'too few conversations',
      }),
    ).toEqual(['too few conversations']);
  });
  it('shows before and after with how it was measured', () => {
    const lines = describeEffect({
      method: 'folds',
      folds: 5,
      conversations: 120,
      before: scores(0.8, 0.1),
      after: scores(0.9, 0.05),
      handoffsGained: 3,
      handoffsLost: 1,
    });
    expect(lines[0]).toBe('F1 80% → 90% (on 120 labelled conversations, 5 held-out folds)');
    expect(lines[1]).toBe('Needless handoffs 10% → 5%');
    expect(lines[3]).toBe('Handoffs gained 3, lost 1');
  });
});

describe('showValue', () => {
  it.each([
    ['abc', '“abc”'],
    [0.7, '0.7'],
    [{ id: 'a' }, '{"id":"a"}'],
  ])('%j', (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });
  it('shortens long values', () => {
    expect(showValue('x'.repeat(300), 20)).toHaveLength(20);
  });
});
