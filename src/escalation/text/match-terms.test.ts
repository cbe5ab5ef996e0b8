import { describe, expect, it } from 'vitest';
import { compileTerms, findTerm, matchTerms } from './match-terms.ts';
import { tokenize } from './tokenize.ts';

const lexicon = { pain: ['pain*', 'hurt*', 'ache'] };
const match = (term: string, text: string) =>
  findTerm(tokenize(text), compileTerms([term], lexicon)[0]!) >= 0;

describe('findTerm', () => {
  it.each([
    ['chest pain', 'I have chest pain', true],
    ['chest pain', 'my chest is in pain', true],
    ['chest pain', 'my chest is not really in any pain', false],
    ['charge', 'three charges on my card', true],
    ['charge', 'it charged me twice', true],
    ['injur*', 'my passenger was injured', true],
    ['injur*', 'nobody was injured', false],
    ['injur*', "I wasn't injured", false],
    ['injur*', 'no one got injured but the car is wrecked', false],
    ['injur*', 'the other driver got injured', true],
    ['bleeding', 'I am not bleeding anymore', false],
    ['passed out', 'I almost passed out twice', false],
    ['never made', 'charges I never made', true],
    ['cant breathe', "I can't breathe properly", true],
    ['human', 'human resources', true],
    ['delivered but', 'it says delivered but nothing is here', true],
    ['chest pain', 'chest. pain', false],
    // a term written inflected keeps its sense: the bare word is another word
    ['totaled', 'about 600 dollars in total', false],
    ['totaled', 'the insurer says the car is totaled', true],
    ['my rights', 'what is my checking balance right now', false],
    ['my rights', 'I know my rights', true],
    ['switched', 'can I switch my appointment', false],
    ['switched', 'my plan was switched', true],
    ['charge', 'it was charging me', true],
    ['hurt', "nobody's hurt, I want to start a claim", false],
    ['hurt', "no one's hurt thank god", false],
  ])('%s in "%s" -> %s', (term, text, expected) => {
    expect(match(term, text)).toBe(expected);
  });

  it('expands ~concepts recursively', () => {
    expect(compileTerms(['~pain', 'pain*'], lexicon).map((t) => t.raw)).toEqual(['pain*', 'hurt*', 'ache']);
    expect(matchTerms(tokenize('sharp chest ache'), compileTerms(['~pain'], lexicon))).toEqual(['ache']);
  });

  it('rejects unknown concepts and cycles', () => {
    expect(() => compileTerms(['~nope'], lexicon)).toThrow(/unknown concept/);
    expect(() => compileTerms(['~a'], { a: ['~b'], b: ['~a'] })).toThrow(/cycle/);
  });
});
