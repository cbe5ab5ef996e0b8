/** A message prepared for matching: normalised words, their stems, and the clause each word sits in. */
export type Doc = {
  words: string[];
  stems: string[];
  clauses: number[];
  /** Whether each word carries an inflection ("charges", "totaled", "stolen"), see `isInflected`. */
  inflected: boolean[];
  /** Every stem in the message, for a quick "can this term match at all" check. */
  stemSet: Set<string>;
};

const IRREGULAR: Record<string, string> = {
  stole: 'steal',
  stolen: 'steal',
  broke: 'break',
  broken: 'break',
  fell: 'fall',
  fallen: 'fall',
  bled: 'bleed',
  made: 'make',
  paid: 'pay',
  sent: 'send',
  took: 'take',
  taken: 'take',
  gone: 'go',
  went: 'go',
  spoke: 'speak',
  spoken: 'speak',
  got: 'get',
  gotten: 'get',
  hacked: 'hack',
  wiped: 'wipe',
  lying: 'lie',
  died: 'die',
  dying: 'die',
  children: 'child',
  people: 'people',
  teeth: 'tooth',
  feet: 'foot',
};

/** Strips common English inflections so "charges", "charged" and "charging" share the stem "charg". */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular === word ? word : stem(irregular);
  let w = word;
  const n = w.length;
  if (n <= 3) return w;
  if (w.endsWith('ies') && n > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('ied') && n > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ness') && n > 6) w = w.slice(0, -4);
  else if (w.endsWith('ing') && n > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && n > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && n > 5) w = w.slice(0, -2);
  else if (/(ss|x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/**
 * Whether a word carries an inflectional ending (plural or verb form: "-s", "-es", "-ed", "-ing", irregular
 * past forms) that `stem` strips. A term written in such a form only matches inflected words: "totaled" is not
 * "in total", "my rights" is not "balance right now", "switched plans" is not "switch my appointment".
 */
export function isInflected(word: string): boolean {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular !== word;
  const n = word.length;
  if (n <= 3) return false;
  if (/(ies|ied)$/.test(word)) return n > 4;
  if (word.endsWith('ing')) return n > 5;
  if (word.endsWith('ed')) return n > 4;
  if (/(ss|x|ch|sh|zz)es$/.test(word)) return true;
  return word.endsWith('s') && !/(ss|us|is)$/.test(word);
}

function undouble(s: string): string {
  const n = s.length;
  return n > 2 && s[n - 1] === s[n - 2] && !/[lsz]/.test(s[n - 1]!) ? s.slice(0, -1) : s;
}

/** Lowercases, folds accents and apostrophes ("can't" -> "cant"), keeping clause breaks as "|". */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[.!?;:,()\n]+/g, ' | ')
    .replace(/[^\p{L}\p{N}|]+/gu, ' ')
    .trim();
}

const cache = new Map<string, Doc>();
const CACHE_LIMIT = 5000;

/** Empties the tokenizer cache (benchmarks measure the uncached cost). */
export function clearTokenCache(): void {
  cache.clear();
}

/** Turns a message into a Doc (cached: the same texts are read every turn of a conversation). */
export function tokenize(text: string): Doc {
  const hit = cache.get(text);
  if (hit) return hit;
  const words: string[] = [];
  const clauses: number[] = [];
  let clause = 0;
  for (const raw of normalize(text).split(' ')) {
    if (raw === '') continue;
    if (raw === '|') {
      clause++;
      continue;
    }
    words.push(raw);
    clauses.push(clause);
    // "but" ends a clause: "no chest pain but my arm hurts" keeps the negation on its side
    if (raw === 'but') clause++;
  }
  const stems = words.map(stem);
  const doc: Doc = { words, stems, clauses, inflected: words.map(isInflected), stemSet: new Set(stems) };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, doc);
  return doc;
}
