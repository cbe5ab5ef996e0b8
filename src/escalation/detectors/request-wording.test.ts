import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { correctRequestWord, requestWording } from './request-wording.ts';

describe('request wording', () => {
  it.each([
    ['humen', 'human'],
    ['agnet', 'agent'],
    ['operater', 'operator'],
    ['represenative', 'representative'],
    ['conect', 'connect'],
    ['tlak', 'talk'],
    ['sum1', 'someone'],
  ])('reads "%s" as "%s"', (typed, meant) => {
    expect(correctRequestWord(typed)).toBe(meant);
  });

  it.each(['walk', 'steak', 'managed', 'stuff', 'order', 'refund', 'agents', 'a1234'])(
    'leaves "%s" alone',
    (word) => {
      expect(correctRequestWord(word)).toBe(word);
    },
  );

  it('rewrites idioms to the plain verb and keeps clauses apart', () => {
    expect(requestWording(tokenize('could I have a word with someone? thanks')).words).toEqual([
      'could',
      'i',
      'talk',
      'with',
      'someone',
      'thanks',
    ]);
    const doc = requestWording(tokenize('put me through to customer care. now'));
    expect(doc.words.join(' ')).toBe('connect me to customer service now');
    expect(doc.clauses.at(-1)).not.toBe(doc.clauses[0]);
  });

  it('returns the same doc when nothing changes', () => {
    const doc = tokenize('where is my order');
    expect(requestWording(doc)).toBe(doc);
  });
});
