import { describe, expect, it } from 'vitest';
import { parseVitals } from './parse-vitals.ts';

describe('parseVitals', () => {
  it.each([
    ['my blood pressure at home just read 190/120', { systolic: 190, diastolic: 120 }],
    ['bp is 85 over 50 and I feel faint', { systolic: 85, diastolic: 50 }],
    ['I can come on 12/10 at 3pm', { systolic: null }],
    ['fever of 103 for four days', { temperature: 103 }],
    ['her temperature is 39.8', { temperature: 103.6 }],
    ['it was 102.5 degrees this morning', { temperature: 102.5 }],
    ['fever for 3 days, I am 40 and otherwise healthy', { temperature: null }],
    ['my sugar is 45 and I feel shaky', { glucose: 45 }],
    ['blood sugar reading 480', { glucose: 480 }],
    ['glucose was 3.1', { glucose: 56 }],
    ['my glucose meter says 38 and I am shaky', { glucose: 38 }],
  ])('"%s"', (text, expected) => {
    expect(parseVitals(text)).toMatchObject(expected);
  });
});
