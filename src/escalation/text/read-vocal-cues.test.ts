import { describe, expect, it } from 'vitest';
import { isSpoken, readVocalCues } from './read-vocal-cues.ts';

describe('readVocalCues', () => {
  it.each([
    ['[raised voice] I have waited an hour', ['raised voice']],
    ['I just (crying) cannot do this *sighs*', ['crying', 'sighs']],
    ['<Shouting>  WHERE  is my money [ long pause ]', ['shouting', 'long pause']],
    ['my card (ending 4421) was charged twice', []],
    ['see the terms (section a. and then b. apply here)', []],
    ['no marks at all', []],
    ['[a] is too short to be a cue', []],
  ])('%s', (text, cues) => {
    expect(readVocalCues(text)).toEqual(cues);
  });
});

describe('isSpoken', () => {
  it.each([
    ['voice', true],
    ['Phone', true],
    ['web', false],
    ['email', false],
    [undefined, false],
  ])('%s', (channel, spoken) => {
    expect(isSpoken(channel)).toBe(spoken);
  });
});
