import { describe, expect, it } from 'vitest';
import {
  defaultFeatureConfig,
  extractFeatures,
  fnv,
  normalizeText,
  splitWords,
  stemWord,
} from './extract-features.ts';

describe('extractFeatures', () => {
  it('hashes a word bigram like the joined string', () => {
    const { words } = extractFeatures('Lost cards', defaultFeatureConfig);
    const seed = 0x811c9dc5;
    expect([...words.keys()].sort()).toEqual(
      ['lost', 'card', 'lost card'].map((s) => fnv(seed, s) >>> 2).sort(),
    );
  });

  it.each([
    ['ab', 1, 6], // " a", "ab", "b ", " ab", "ab ", " ab "
    ['a', 1, 3], // " a", "a ", " a "
    ['ab ab', 2, 6], // the same six n-grams, each counted twice
  ])('counts the character n-grams of %j', (text, count, distinct) => {
    const { chars } = extractFeatures(text, defaultFeatureConfig);
    expect(chars.size).toBe(distinct);
    expect(new Set(chars.values())).toEqual(new Set([count]));
  });

  it('reads the same features from differently written text', () => {
    const a = extractFeatures('Where is my CARD?', defaultFeatureConfig);
    const b = extractFeatures('where is my card', defaultFeatureConfig);
    expect(a).toEqual(b);
  });
});

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
