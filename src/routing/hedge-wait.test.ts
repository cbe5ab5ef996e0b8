import { describe, expect, it } from 'vitest';
import { describeWait } from './estimate-wait.ts';
import { hedgeWait } from './hedge-wait.ts';

const fill = (template: string, seconds: number) =>
  hedgeWait(template).replace('{{wait}}', describeWait({ kind: 'estimate', seconds }));

describe('hedgeWait', () => {
  it.each([
    ['the expected wait is about {{wait}}.', 240, 'the expected wait is about 4 minutes.'],
    ['the expected wait is about {{wait}}.', 20, 'the expected wait is less than a minute.'],
    ['the wait is around {{ wait }}.', 240, 'the wait is {{ wait }}.'],
    ['the expected wait is {{wait}}.', 240, 'the expected wait is about 4 minutes.'],
    ['About {{wait}} to go.', 7200, 'about 2 hours to go.'],
  ])('%s (%d s)', (template, seconds, text) => {
    expect(fill(template, seconds)).toBe(text);
  });

  it('keeps an "about" that is not before the wait', () => {
    expect(hedgeWait('Tell us about it; the wait is {{wait}}.')).toBe(
      'Tell us about it; the wait is {{wait}}.',
    );
  });
});
