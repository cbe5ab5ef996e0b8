import { describe, expect, it } from 'vitest';
import { evaluateScenarios, formatScores, type Prediction } from './evaluate-scenarios.ts';
import type { Scenario } from './scenario-schema.ts';

const pos = (
  id: string,
  turn: number,
  team: string,
  tolerance = 0,
  priority?: 'normal' | 'high' | 'urgent',
): Scenario => ({
  id,
  pack: 'bank',
  turns: [{ text: 'x' }],
  expect: { handoff: true, turn, tolerance, team, ...(priority ? { priority } : {}) },
});
const neg = (id: string): Scenario => ({
  id,
  pack: 'bank',
  turns: [{ text: 'x' }],
  expect: { handoff: false },
});
const got = (
  id: string,
  turn: number | null,
  team: string | null = null,
  priority: Prediction['priority'] = 'normal',
): Prediction => ({
  id,
  handoff: turn !== null,
  kind: turn === null ? null : 'handoff',
  turn,
  team,
  priority: turn === null ? null : priority,
  reasons: turn === null ? [] : ['because'],
});

describe('evaluateScenarios', () => {
  it.each([
    {
      name: 'all right',
      scenarios: [pos('a', 1, 't', 0, 'high'), neg('b')],
      predictions: [got('a', 1, 't', 'high'), got('b', null)],
      expected: {
        precision: 1,
        recall: 1,
        f1: 1,
        on_time_rate: 1,
        early_rate: 0,
        team_accuracy: 1,
        priority_accuracy: 1,
        unnecessary_rate: 0,
      },
      misses: [],
    },
    {
      name: 'missed, unnecessary',
      scenarios: [pos('a', 1, 't'), neg('b')],
      predictions: [got('a', null), got('b', 2, 't')],
      expected: { precision: 0, recall: 0, f1: 0, on_time_rate: 0, unnecessary_rate: 1 },
      misses: ['a', 'b'],
    },
    {
      name: 'early, late, within tolerance',
      scenarios: [pos('early', 2, 't'), pos('late', 1, 't'), pos('ok', 1, 't', 1)],
      predictions: [got('early', 1, 't'), got('late', 2, 't'), got('ok', 2, 't')],
      expected: { precision: 1, recall: 1, on_time_rate: 1 / 3, early_rate: 1 / 3 },
      misses: ['early', 'late'],
    },
    {
      name: 'team and priority among handed-off positives only',
      scenarios: [pos('a', 1, 't', 0, 'urgent'), pos('b', 1, 'u'), pos('c', 1, 't', 0, 'high')],
      predictions: [got('a', 1, 't', 'high'), got('b', 1, 't'), got('c', null)],
      expected: { team_accuracy: 0.5, priority_accuracy: 0, recall: 2 / 3 },
      misses: ['a', 'b', 'c'],
    },
  ])('$name', ({ scenarios, predictions, expected, misses }) => {
    const scores = evaluateScenarios(scenarios, predictions);
    for (const [k, v] of Object.entries(expected))
      expect(scores[k as keyof typeof expected]).toBeCloseTo(v, 5);
    expect(scores.misses.map((m) => m.id)).toEqual(misses);
  });

  it('prints the scores and one line per miss with the reasons', () => {
    const text = formatScores(evaluateScenarios([neg('b')], [got('b', 1, 't')]));
    expect(text).toMatch(/unnecessary rate\s+100\.0%/);
    expect(text).toMatch(/b: unnecessary handoff; expected stay; got handoff at 1 to t, normal \| because/);
  });
});
