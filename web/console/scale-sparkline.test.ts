import { describe, expect, it } from 'vitest';
import { scaleSparkline, sentimentTone } from './scale-sparkline.ts';

const box = { width: 104, height: 44, pad: 2 };

describe('scaleSparkline', () => {
  it('spreads turns evenly and maps +1 to the top, -1 to the bottom, 0 to the middle', () => {
    const s = scaleSparkline(
      [
        { turn: 1, score: 1 },
        { turn: 2, score: 0 },
        { turn: 3, score: -1 },
      ],
      box,
    );
    expect(s.points.map((p) => [p.x, p.y])).toEqual([
      [2, 2],
      [52, 22],
      [102, 42],
    ]);
    expect(s.zeroY).toBe(22);
    expect(s.path).toBe('M2 2 L52 22 L102 42');
  });

  it('puts a single turn in the centre', () => {
    const s = scaleSparkline([{ turn: 4, score: -0.5 }], box);
    expect(s.points).toEqual([{ x: 52, y: 32, score: -0.5, turn: 4 }]);
    expect(s.path).toBe('M52 32');
  });

  it('clamps scores out of range and treats non-numbers as neutral', () => {
    const s = scaleSparkline(
      [
        { turn: 1, score: 3 },
        { turn: 2, score: Number.NaN },
      ],
      box,
    );
    expect(s.points.map((p) => p.score)).toEqual([1, 0]);
    expect(s.points.map((p) => p.y)).toEqual([2, 22]);
  });

  it('draws nothing without turns', () => {
    expect(scaleSparkline([], box)).toEqual({ points: [], path: '', zeroY: 22 });
  });
});

describe('sentimentTone', () => {
  it.each([
    [-0.8, 'negative'],
    [-0.15, 'negative'],
    [-0.1, 'neutral'],
    [0, 'neutral'],
    [0.15, 'positive'],
    [0.9, 'positive'],
  ] as const)('%s is %s', (score, tone) => {
    expect(sentimentTone(score)).toBe(tone);
  });
});
