/** Money amounts and "how long ago" spans read from free text, independent of the bot's entities. */

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE = 'k|m|mm|thousand|grand|million';
const CURRENCY_WORDS = 'dollars?|bucks|usd|eur|euros?|gbp|pounds?|cad';

const WORD_VALUES: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  couple: 2,
  few: 3,
  several: 4,
};

const PATTERNS: RegExp[] = [
  new RegExp(String.raw`[$€£]\s?(${NUMBER})(?:\s?(${SCALE})\b)?`, 'gi'),
  new RegExp(String.raw`(?<![\w-])(${NUMBER})\s?(${SCALE})?\s?(?:${CURRENCY_WORDS})\b`, 'gi'),
  new RegExp(String.raw`(?<![\w$€£-])(${NUMBER})\s?(k|grand|thousand|million)\b`, 'gi'),
];
/** A range sharing one scale: "$7-8k", "15 to 20 thousand", "between 40 and 50 grand" (both ends count). */
const RANGE = new RegExp(
  String.raw`(?<![\w-])[$€£]?\s?(${NUMBER})\s?(?:-|–|to|or|and)\s?[$€£]?\s?(${NUMBER})\s?(k|thousand|grand|million)\b`,
  'gi',
);
const WORD_AMOUNT = new RegExp(
  String.raw`\b((?:(?:${Object.keys(WORD_VALUES).join('|')})[\s-]+){1,3})(thousand|grand|million)\b`,
  'gi',
);
/** A bare number right after a money word: "the repair estimate is 18000". */
const CONTEXT_AMOUNT =
  /\b(?:cost|costs|estimate[ds]?|quote[ds]?|quoted|bill|billed|price[ds]?|worth|amount|total|repair|damages?|loss|owe|paid|charged|says|said|wants|asking|quoting)\b(?:\s+(?:is|was|of|about|around|roughly|nearly|almost|over|at|be|will|would|came|to|comes|like|maybe)){0,3}\s+(?<![\w-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,}(?:\.\d+)?)(?![\w-])/gi;

function scaleOf(scale: string | undefined): number {
  const s = (scale ?? '').toLowerCase();
  if (s === 'k' || s === 'thousand' || s === 'grand') return 1e3;
  if (s === 'm' || s === 'mm' || s === 'million') return 1e6;
  return 1;
}

function wordsValue(words: string): number {
  let total = 0;
  for (const w of words.toLowerCase().split(/[\s-]+/)) total += WORD_VALUES[w] ?? 0;
  return total;
}

/** Every money amount written in the text ("$18,000", "30k", "5000 dollars", "thirty thousand"). */
export function parseAmounts(text: string): number[] {
  const found: number[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      found.push(Number(m[1]!.replaceAll(',', '')) * scaleOf(m[2]));
    }
  }
  RANGE.lastIndex = 0;
  for (let m = RANGE.exec(text); m; m = RANGE.exec(text)) {
    found.push(
      Number(m[1]!.replaceAll(',', '')) * scaleOf(m[3]),
      Number(m[2]!.replaceAll(',', '')) * scaleOf(m[3]),
    );
  }
  WORD_AMOUNT.lastIndex = 0;
  for (let m = WORD_AMOUNT.exec(text); m; m = WORD_AMOUNT.exec(text)) {
    const v = wordsValue(m[1]!);
    if (v > 0) found.push(v * scaleOf(m[2]));
  }
  CONTEXT_AMOUNT.lastIndex = 0;
  for (let m = CONTEXT_AMOUNT.exec(text); m; m = CONTEXT_AMOUNT.exec(text)) {
    found.push(Number(m[1]!.replaceAll(',', '')));
  }
  return found.filter((n) => Number.isFinite(n) && n > 0);
}

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const AGO =
  /\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple|few|several)(?:\s+of)?\s+(day|week|month|year)s?\s+ago\b/gi;
const RELATIVE: [RegExp, number][] = [
  [/\byesterday\b/i, 1],
  [/\b(?:today|this morning|earlier today)\b/i, 0],
  [/\b(?:last|past) week(?:end)?\b|\bearlier this week\b/i, 7],
  [/\b(?:last|past) month\b/i, 30],
  [/\b(?:last|past) year\b/i, 365],
  [/\bover a (?:month|year) ago\b/i, 31],
];

/** How many days ago the text says something happened ("5 days ago", "two months ago", "yesterday"), or null. */
export function parseDaysAgo(text: string): number | null {
  AGO.lastIndex = 0;
  const m = AGO.exec(text);
  if (m) {
    const count = /^\d+$/.test(m[1]!) ? Number(m[1]) : (WORD_VALUES[m[1]!.toLowerCase()] ?? 1);
    return count * UNIT_DAYS[m[2]!.toLowerCase()]!;
  }
  for (const [re, days] of RELATIVE) if (re.test(text)) return days;
  return null;
}
