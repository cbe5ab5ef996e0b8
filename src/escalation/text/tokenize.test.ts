import { describe, expect, it } from 'vitest';
import { normalize, stem, tokenize } from './tokenize.ts';

describe('stem', () => {
  it.each([
    ['charges', 'charg'],
    ['charged', 'charg'],
    ['charge', 'charg'],
    ['charging', 'charg'],
    ['injuries', 'injuri'],
    ['injury', 'injuri'],
    ['bleeding', 'bleed'],
    ['stolen', 'steal'],
    ['stole', 'steal'],
    ['breathe', 'breath'],
    ['breathing', 'breath'],
    ['dizziness', 'dizzi'],
    ['dizzy', 'dizzi'],
    ['bus', 'bus'],
    ['agent', 'agent'],
  ])('%s -> %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('folds case, accents and apostrophes and keeps clause breaks', () => {
    expect(normalize("Can't BREATHE, café!")).toBe('cant breathe | cafe |');
    const doc = tokenize("I don't have chest pain, but my arm hurts");
    expect(doc.words).toEqual(['i', 'dont', 'have', 'chest', 'pain', 'but', 'my', 'arm', 'hurts']);
    expect(doc.clauses).toEqual([0, 0, 0, 0, 0, 1, 2, 2, 2]);
  });
});
