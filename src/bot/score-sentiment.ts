import vader from 'vader-sentiment';
import type { Sentiment } from '../protocol/bot-turn.ts';

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
  'sarcasm',
] as const;

export type SentimentCue = (typeof sentimentCues)[number];

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
];

const CODE_LIKE = /\b[A-Z]{1,4}-?\d+\b/g;

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

/** Curses: an intensity, not a reason on their own ("where's my damn parcel?" is a routine question). */
const PROFANITY =
  /\b(f+u+c+k\w*|sh[i1]t\w*|damn(?:ed|it)?|crap(?:py)?|bullshit|wtf|hell|bloody|bastards?|ass(?:hole)?s?|piss(?:ed)?)\b/gi;

const PRAISE =
  '(?:great|fantastic|wonderful|brilliant|perfect|lovely|awesome|terrific|marvell?ous|amazing|excellent|super|splendid)';
/** Praise that means the opposite: "oh great, the bot", "just perfect", "thanks for nothing", "great, another form". */
const SARCASM = [
  new RegExp(`\\b(?:oh|just|yeah|wow|gee|well)[,!. ]+(?:how |that'?s |this is |just )?${PRAISE}\\b`, 'i'),
  new RegExp(`\\b${PRAISE}[,!.]* (?:another|again|more of|still|now (?:it|you|i))\\b`, 'i'),
  /\b(?:thanks?|thank you) (?:a lot |so much |very much )?for nothing\b/i,
  /\byeah,? right\b/i,
  /\b(?:real|so|very) helpful[.!]* ?(?:not|\/s)\b/i,
];

/** VADER's compound score of a text, -1..1. */
function valence(text: string): number {
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

/**
 * Scores one message from -1 (angry) to 1 (happy) and lists the frustration cues in it. The valence is VADER's
 * (negation, boosters, capitals and punctuation included); support cues (giving up, repeat contact, insults,
 * shouting) push it down; a curse only strengthens a message that is negative without it; praise used
 * sarcastically counts as negative.
 */
export function scoreSentiment(text: string): Sentiment {
  const cues: SentimentCue[] = [];
  let penalty = 0;
  for (const { cue, regex, weight } of CUE_PATTERNS) {
    if (!cues.includes(cue) && regex.test(text)) {
      cues.push(cue);
      penalty += weight;
    }
  }
  const clean = text.replace(PROFANITY, ' ');
  let score = valence(clean);
  if (clean !== text) {
    cues.push('profanity');
    score = score < -0.05 ? Math.max(-1, score * 1.3 - 0.1) : Math.min(score, -0.15);
  }
  if (SARCASM.some((r) => r.test(text))) {
    cues.push('sarcasm');
    score = -Math.max(0.4, Math.abs(score));
  }
  if (isShouting(text)) {
    cues.push('shouting');
    penalty += 0.3;
  }
  if (/[!?]{3,}|!{2,}|\?{2,}/.test(text)) {
    cues.push('repeated_punctuation');
    penalty += 0.15;
  }
  const total = Math.max(-1, Math.min(1, score - penalty));
  return { score: Math.round(total * 1000) / 1000, cues };
}
