import { describe, expect, it } from 'vitest';
import { defaultFeatureConfig, extractFeatures, fnv } from './extract-features.ts';

describe('extractFeatures', () => {
  it('hashes a word bigram like the joined string', () => {
    const { words } = extractFeatures('Lost cards', defaultFeatureConfig);
    const seed = 0x811c9dc5;
    expect([...words.keys()].sort()).toEqual(
      [fnv(seed, 'lost'), fnv(seed, 'card'), fnv(seed, 'lost card')].sort(),
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
