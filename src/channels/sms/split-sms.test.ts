import { describe, expect, it } from 'vitest';
import { splitSms } from './split-sms.ts';

describe('splitSms', () => {
  it.each([
    ['hello', 10, ['hello']],
    ['  ', 10, []],
    ['one two three four', 10, ['one two', 'three four']],
    ['abcdefghijklmnop', 10, ['abcdefghij', 'klmnop']],
  ])('%j at %i -> %j', (text, max, parts) => {
    expect(splitSms(text, max)).toEqual(parts);
  });

  it('never makes a part longer than the limit', () => {
    const text = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const parts = splitSms(text, 160);
    expect(parts.every((p) => p.length <= 160)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });
});
