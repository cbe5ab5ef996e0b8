import { describe, expect, it } from 'vitest';
import type { Redaction } from '../../src/protocol/context-package.ts';
import { splitMasked } from './split-masked.ts';

const card1: Redaction = {
  token: 'card-1',
  type: 'card',
  path: 'transcript[0].text',
  mask: '[card ****1111]',
};
const card2: Redaction = {
  token: 'card-2',
  type: 'card',
  path: 'transcript[2].text',
  mask: '[card ****1111]',
};
const ssn: Redaction = { token: 'ssn-1', type: 'ssn', path: 'transcript[0].text', mask: '[ssn ***-**-6789]' };

describe('splitMasked', () => {
  it('keeps text without masks whole', () => {
    expect(splitMasked('hello', [card1])).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(splitMasked('', [card1])).toEqual([]);
  });

  it('cuts masks out of the text, with their tokens', () => {
    expect(splitMasked('Card [card ****1111] and SSN [ssn ***-**-6789].', [card1, ssn])).toEqual([
      { kind: 'text', text: 'Card ' },
      { kind: 'mask', mask: '[card ****1111]', token: 'card-1', type: 'card' },
      { kind: 'text', text: ' and SSN ' },
      { kind: 'mask', mask: '[ssn ***-**-6789]', token: 'ssn-1', type: 'ssn' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('prefers the redaction recorded at the same path when two values share a mask', () => {
    const [, mask] = splitMasked('x [card ****1111]', [card1, card2], 'transcript[2].text');
    expect(mask).toMatchObject({ token: 'card-2' });
    const [, first] = splitMasked('x [card ****1111]', [card1, card2]);
    expect(first).toMatchObject({ token: 'card-1' });
  });

  it('gives repeated masks at one path their tokens in order', () => {
    const a: Redaction = { token: 'card-1', type: 'card', path: 'p', mask: '[card ****1111]' };
    const b: Redaction = { token: 'card-3', type: 'card', path: 'p', mask: '[card ****1111]' };
    const tokens = splitMasked('[card ****1111] or [card ****1111]', [a, b], 'p')
      .filter((s) => s.kind === 'mask')
      .map((s) => (s.kind === 'mask' ? s.token : ''));
    expect(tokens).toEqual(['card-1', 'card-3']);
  });

  it('lets the longer mask win where two start at the same place', () => {
    const short: Redaction = { token: 's', type: 'secret', path: 'p', mask: '[secret' };
    const segments = splitMasked('a [secret pin] b', [short, { ...short, token: 'l', mask: '[secret pin]' }]);
    expect(segments[1]).toMatchObject({ kind: 'mask', token: 'l' });
    expect(segments[2]).toEqual({ kind: 'text', text: ' b' });
  });
});
