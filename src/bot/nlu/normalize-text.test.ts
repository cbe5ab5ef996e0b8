import { describe, expect, it } from 'vitest';
import { normalizeText, splitWords } from './normalize-text.ts';
import { stemWord } from './stem-word.ts';

describe('normalizeText', () => {
  it.each([
    ["Don't cancel my order!", 'dont cancel my order'],
    ['Café  au-lait, s’il vous plaît', 'cafe au lait sil vous plait'],
    ['  $100 on 12/03/2019? ', '100 on 12 03 2019'],
    ['???', ''],
  ])('%j -> %j', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });

  it('splits nothing into no words', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords('a b')).toEqual(['a', 'b']);
  });
});

describe('stemWord', () => {
  it.each([
    ['cards', 'card'],
    ['card', 'card'],
    ['policies', 'policy'],
    ['charging', 'charg'],
    ['charged', 'charg'],
    ['stopped', 'stop'],
    ['quickly', 'quick'],
    ['address', 'address'],
    ['status', 'status'],
    ['is', 'is'],
  ])('%s -> %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});
