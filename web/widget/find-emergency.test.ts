import { describe, expect, it } from 'vitest';
import { findEmergency } from './find-emergency.ts';

const msg = (text: string, metadata: Record<string, unknown> = {}) => ({ text, metadata });

describe('findEmergency', () => {
  it('finds the latest emergency guidance', () => {
    expect(
      findEmergency([
        msg('Hello'),
        msg('Call 911 now.', { emergency: true }),
        msg('A nurse will call you.'),
        msg('Call 911 now, do not drive yourself.', { emergency: true }),
        msg('Thanks'),
      ]),
    ).toBe('Call 911 now, do not drive yourself.');
  });

  it('finds none in an ordinary conversation (a truthy flag that is not true does not count)', () => {
    expect(
      findEmergency([msg('Hello'), msg('Article', { article: { id: 'a' } }), msg('x', { emergency: 'yes' })]),
    ).toBe(null);
    expect(findEmergency([])).toBe(null);
  });
});
