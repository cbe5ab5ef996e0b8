import type { Sentiment } from '../protocol/bot-turn.ts';
import { sentimentLexicon } from './sentiment-lexicon.ts';

/** Cue ids `scoreSentiment` may report; each one is a sign of frustration or pressure. */
export const sentimentCues = [
  'shouting',
  'repeated_punctuation',
  'insult',
  'profanity',
  'useless',
  'ridiculous',
  'unacceptable',
  'giving_up',
  'repeat_contact',
  'urgency',
] as const;

export type SentimentCue = (typeof sentimentCues)[number];

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nothing',
  'nobody',
  'neither',
  'nor',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'shouldnt',
  'couldnt',
  'aint',
  'hardly',
  'without',
]);
const BOOSTERS: Record<string, number> = {
  very: 1.4,
  really: 1.3,
  so: 1.3,
  extremely: 1.6,
  incredibly: 1.6,
  totally: 1.4,
  completely: 1.4,
  absolutely: 1.5,
  super: 1.4,
  too: 1.2,
  such: 1.2,
  utterly: 1.6,
  slightly: 0.6,
  somewhat: 0.7,
  bit: 0.7,
};

/** Phrases that are cues on their own; `weight` moves the score down. */
const CUE_PATTERNS: { cue: SentimentCue; regex: RegExp; weight: number }[] = [
  {
    cue: 'useless',
    regex: /\b(useless|pointless|worthless|waste of (?:my )?time|doesn'?t help|no help)\b/i,
    weight: 0.35,
  },
  {
    cue: 'ridiculous',
    regex: /\b(ridiculous|absurd|ludicrous|unbelievable|joke|insane|outrageous|a farce)\b/i,
    weight: 0.35,
  },
  {
    cue: 'unacceptable',
    regex: /\b(unacceptable|not acceptable|not ok(?:ay)?|disgrace(?:ful)?|appalling)\b/i,
    weight: 0.35,
  },
  {
    cue: 'giving_up',
    regex:
      /\b(i'?m done|i am done|done with (?:you|your|this)|fed up|had enough|sick of|sick and tired|give up|never again|closing my account|cancel(?:ling)? my account|taking my business|switch(?:ing)? to another|i quit)\b/i,
    weight: 0.4,
  },
  {
    cue: 'repeat_contact',
    regex:
      /\b((?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|again and again|keep(?:s)? happening|every time|nobody (?:answers|responds|replies|called|calls|got back)|no one (?:answers|responds|replies|got back)|still waiting|i(?:'?ve| have)? already (?:told|explained|called|tried|asked|sent)|how many times)\b/i,
    weight: 0.25,
  },
  {
    cue: 'urgency',
    regex: /\b(asap|urgent(?:ly)?|immediately|right now|right away|emergency|deadline)\b/i,
    weight: 0.1,
  },
  { cue: 'urgency', regex: /\bNOW\b/, weight: 0.1 },
  {
    cue: 'insult',
    regex: /\b(you people|idiots?|stupid|morons?|incompetent|clowns?|pathetic|dumb|liars?|rip-?off)\b/i,
    weight: 0.4,
  },
  {
    // theft words are an insult only when aimed at the company: "you stole 35 dollars", not "they stole my tools"
    cue: 'insult',
    regex:
      /\b(?:you(?:'?re| are| guys| people)?|your (?:bank|company|store|shop|app)|(?:this|that|it)(?:'?s| is))(?:\s+\w+){0,3}\s+(?:stole|steal(?:ing)?|robb(?:ed|ing)|thie(?:f|ves)|scam(?:ming|mers?)?|robbery|theft|crooks?)\b/i,
    weight: 0.4,
  },
  {
    cue: 'profanity',
    regex:
      /\b(f+u+c+k\w*|sh[i1]t\w*|damn(?:ed|it)?|crap(?:py)?|bullshit|wtf|hell|bloody|bastards?|ass(?:hole)?s?|piss(?:ed)?)\b/i,
    weight: 0.4,
  },
];

const CODE_LIKE = /\b[A-Z]{1,4}-?\d+\b/g;

/** Lexicon score of one token list, with negation (flips and softens) and boosters. */
function lexiconScore(tokens: string[]): number {
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    let valence = sentimentLexicon[word];
    if (valence === undefined) continue;
    const prev = tokens[i - 1];
    if (prev && BOOSTERS[prev]) valence *= BOOSTERS[prev];
    for (let j = Math.max(0, i - 3); j < i; j++) {
      if (NEGATORS.has(tokens[j]!)) {
        valence *= -0.6;
        break;
      }
    }
    total += valence;
  }
  return total;
}

/** Shouting: most words in capitals, or three capitalised words in a row; codes like E202 do not count. */
function isShouting(text: string): boolean {
  const words = (text.replace(CODE_LIKE, ' ').match(/[A-Za-z][A-Za-z'-]*/g) ?? []).filter(
    (w) => w.length >= 2,
  );
  const isCaps = (w: string) => w === w.toUpperCase();
  if (words.length === 1) return words[0]!.length >= 4 && isCaps(words[0]!);
  const caps = words.filter(isCaps).length;
  if (caps >= 2 && caps / words.length >= 0.6) return true;
  let run = 0;
  for (const w of words) {
    run = isCaps(w) ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

/** Scores one message from -1 (angry) to 1 (happy) and lists the frustration cues in it. */
export function scoreSentiment(text: string): Sentiment {
  const tokens = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let raw = lexiconScore(tokens);
  const cues: SentimentCue[] = [];
  let penalty = 0;
  for (const { cue, regex, weight } of CUE_PATTERNS) {
    if (!cues.includes(cue) && regex.test(text)) {
      cues.push(cue);
      penalty += weight;
    }
  }
  if (isShouting(text)) {
    cues.push('shouting');
    penalty += 0.3;
    raw *= 1.3;
  } else if (/\b[A-Z]{4,}\b/.test(text.replace(CODE_LIKE, ''))) {
    raw *= 1.15;
  }
  if (/[!?]{3,}|!{2,}|\?{2,}/.test(text)) {
    cues.push('repeated_punctuation');
    penalty += 0.15;
    raw *= 1.2;
  }
  const normalised = raw / Math.sqrt(raw * raw + 15);
  const score = Math.max(-1, Math.min(1, normalised - penalty));
  return { score: Math.round(score * 1000) / 1000, cues };
}
