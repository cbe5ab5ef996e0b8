import { type Doc, tokenize } from '../text/tokenize.ts';

/**
 * The words of a request for a person, spelt as people type them: chat spellings ("sum1", "ppl"), one-key
 * typos of the request vocabulary ("humen", "agnet", "operater", "conect"), and idioms that mean "talk to"
 * ("have a word with", "get in touch with", "put me through to"). `requestWording` rewrites a message into
 * the plain words the explicit-request detector reads; it never changes what other detectors see.
 */

/** Chat spellings of request words. */
export const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  sum1: 'someone',
  some1: 'someone',
  sumone: 'someone',
  any1: 'anyone',
  ne1: 'anyone',
  ppl: 'people',
  hooman: 'human',
  hoomans: 'humans',
  wit: 'with',
  wiv: 'with',
  w: 'with',
  u: 'you',
  ur: 'your',
  plz: 'please',
  pls: 'please',
  pleas: 'please',
  agt: 'agent',
  rep: 'representative',
  reps: 'representatives',
  cust: 'customer',
};

/** The request vocabulary a typo is corrected towards (edit distance 1, a swap of two letters for short words). */
export const REQUEST_VOCABULARY = [
  'person',
  'human',
  'agent',
  'operator',
  'representative',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'supervisor',
  'manager',
  'customer',
  'service',
  'support',
  'assistant',
  'connect',
  'speak',
  'talk',
  'transfer',
  'please',
] as const;

/** Real words one edit away from the vocabulary, left as they are. */
const REAL_WORDS = new Set([
  'humane',
  'managed',
  'manages',
  'manger',
  'steak',
  'speck',
  'sneak',
  'tall',
  'walk',
  'tale',
  'talc',
  'servile',
  'served',
  'serves',
  'please',
  'pleased',
  'pleases',
  'persons',
  'agents',
  'operators',
  'services',
  'supports',
  'connects',
  'speaks',
  'talks',
  'transfers',
  'customers',
  'support',
  'supper',
  'someones',
  'assistants',
  'persona',
  'prison',
  'parson',
]);

/** Idioms for asking to talk to someone, rewritten to the plain verb (word sequences, `?` = any one word). */
const IDIOMS: ReadonlyArray<[string[], string[]]> = [
  [
    ['have', 'a', 'word', 'with'],
    ['talk', 'with'],
  ],
  [
    ['had', 'a', 'word', 'with'],
    ['talk', 'with'],
  ],
  [['get', 'in', 'touch', 'with'], ['contact']],
  [['be', 'in', 'touch', 'with'], ['contact']],
  [
    ['put', 'me', 'through', 'to'],
    ['connect', 'me', 'to'],
  ],
  [
    ['put', 'me', 'thru', 'to'],
    ['connect', 'me', 'to'],
  ],
  [
    ['pass', 'me', 'to'],
    ['connect', 'me', 'to'],
  ],
  [
    ['pass', 'me', 'on', 'to'],
    ['connect', 'me', 'to'],
  ],
  [
    ['hook', 'me', 'up', 'with'],
    ['connect', 'me', 'with'],
  ],
  [
    ['be', 'talking', 'with'],
    ['talk', 'with'],
  ],
  [
    ['be', 'talking', 'to'],
    ['talk', 'to'],
  ],
  [
    ['be', 'speaking', 'with'],
    ['speak', 'with'],
  ],
  [
    ['be', 'speaking', 'to'],
    ['speak', 'to'],
  ],
  [
    ['be', 'attended', 'by'],
    ['talk', 'to'],
  ],
  [
    ['be', 'served', 'by'],
    ['talk', 'to'],
  ],
  [
    ['customer', 'care'],
    ['customer', 'service'],
  ],
  [
    ['customer', 'service', 'team'],
    ['customer', 'service'],
  ],
  [['support', 'team'], ['support']],
];

/** Damerau-Levenshtein distance, stopping early above 1 (all the correction needs). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // one letter more or less
}

const isSwap = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return (
    diff.length === 2 &&
    diff[1] === diff[0]! + 1 &&
    a[diff[0]!] === b[diff[1]!] &&
    a[diff[1]!] === b[diff[0]!]
  );
};

const corrections = new Map<string, string>();

/** The request word a typed word stands for, or the word itself. */
export function correctRequestWord(word: string): string {
  const chat = CHAT_SPELLINGS[word];
  if (chat) return chat;
  if (word.length < 4 || REAL_WORDS.has(word) || /\d/.test(word)) return word;
  const known = corrections.get(word);
  if (known !== undefined) return known;
  let out = word;
  for (const target of REQUEST_VOCABULARY) {
    if (target === word) break;
    // short words: only two swapped letters ("tlak"); longer ones: any single edit ("humen", "conect")
    const ok = word.length < 5 || target.length < 5 ? isSwap(word, target) : withinOneEdit(word, target);
    if (ok) {
      out = target;
      break;
    }
  }
  if (corrections.size > 5000) corrections.clear();
  corrections.set(word, out);
  return out;
}

const rewritten = new WeakMap<Doc, Doc>();

/** The message in the plain words of a request (the same Doc when nothing changed). */
export function requestWording(doc: Doc): Doc {
  const hit = rewritten.get(doc);
  if (hit) return hit;
  const words = doc.words.map(correctRequestWord);
  const clauses = [...doc.clauses];
  let changed = words.some((w, i) => w !== doc.words[i]);
  for (const [from, to] of IDIOMS) {
    for (let i = 0; i + from.length <= words.length; i++) {
      const clause = clauses[i];
      if (!from.every((w, k) => words[i + k] === w && clauses[i + k] === clause)) continue;
      words.splice(i, from.length, ...to);
      clauses.splice(i, from.length, ...to.map(() => clause!));
      changed = true;
    }
  }
  if (!changed) {
    rewritten.set(doc, doc);
    return doc;
  }
  const parts: string[] = [];
  words.forEach((w, i) => {
    if (i > 0 && clauses[i] !== clauses[i - 1]) parts.push('|');
    parts.push(w);
  });
  const out = tokenize(parts.join(' '));
  rewritten.set(doc, out);
  return out;
}
