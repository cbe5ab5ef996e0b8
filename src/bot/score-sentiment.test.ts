import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.ts';

describe('scoreSentiment', () => {
  it.each([
    // text, min score, max score, cues that must be present
    ['thanks, that was really helpful!', 0.4, 1, []],
    ['great, it works now', 0.3, 1, []],
    ['what are your opening hours?', -0.05, 0.05, []],
    ['this is not good', -1, -0.05, []],
    ['not bad at all', 0, 1, []],
    ["I'm not happy with this", -1, -0.05, []],
    [
      'THIS IS RIDICULOUS, you people stole 35 dollars and your bot is useless',
      -1,
      -0.8,
      ['shouting', 'ridiculous', 'useless', 'insult'],
    ],
    ['why is this still broken???', -1, -0.2, ['repeated_punctuation']],
    ['this is unacceptable, nobody answers my emails', -1, -0.4, ['unacceptable', 'repeat_contact']],
    ["I'm done with your store", -1, -0.3, ['giving_up']],
    // a curse is intensity: alone it is mildly negative; on top of a complaint it makes it stronger
    ['what the hell is going on', -0.3, -0.1, ['profanity']],
    ['where can I check when my damn parcel arrives?', -0.3, -0.1, ['profanity']],
    ['this damn app lost my files again and nobody answers', -1, -0.6, ['profanity', 'repeat_contact']],
    // praise that means the opposite
    ['oh great, the bot. fantastic.', -1, -0.4, ['sarcasm']],
    ['thanks for nothing', -1, -0.4, ['sarcasm']],
    ['great, another form to fill in', -1, -0.4, ['sarcasm']],
    ['I need someone NOW', -1, 0, ['urgency']],
    ['this is the third time it happened', -1, -0.1, ['repeat_contact']],
    ['AGENT', -1, -0.1, ['shouting']],
    ['you guys are basically stealing from me', -1, -0.3, ['insult']],
    ['this is a scam', -1, -0.3, ['insult']],
  ] as const)('%s', (text, min, max, cues) => {
    const s = scoreSentiment(text);
    expect(s.score).toBeGreaterThanOrEqual(min);
    expect(s.score).toBeLessThanOrEqual(max);
    for (const cue of cues) expect(s.cues).toContain(cue);
  });

  it.each([
    'my error is E202 and the API returns CSV',
    'where is order A1001',
    'it works now',
    'hello',
    // theft the customer reports is not an insult to the company
    'someone broke into my car and they stole my tools',
    'I think I got scammed by a fake seller',
  ])('finds no frustration cues in "%s"', (text) => {
    expect(scoreSentiment(text).cues).toEqual([]);
  });

  it('keeps the score within -1..1', () => {
    const s = scoreSentiment(
      'USELESS USELESS!!! worst terrible awful horrible idiots scam, I am done, unacceptable',
    );
    expect(s.score).toBe(-1);
  });
});
