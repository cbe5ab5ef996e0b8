/** How a text becomes features: word n-grams over stems and character n-grams inside word boundaries. */
export type FeatureConfig = {
  wordNgrams: number;
  charMin: number;
  charMax: number;
  stem: boolean;
};

/** Hashed feature ids with their counts, one map per block (words, characters). */
export type FeatureCounts = { words: Map<number, number>; chars: Map<number, number> };

/** The feature set chosen on the CLINC150 and BANKING77 validation splits. */
export const defaultFeatureConfig: FeatureConfig = { wordNgrams: 2, charMin: 2, charMax: 5, stem: true };

const wordSeed = 0x811c9dc5;
const charSeed = 0x050c5d1f;
const space = 32;

/**
 * Hashes a text's word n-grams (over stems, joined by a space) and its character n-grams (inside each
 * word padded with a space on both sides) into counted FNV-1a ids (30 bits). Hashing runs over the
 * characters in place, so no n-gram string is ever built.
 */
export function extractFeatures(text: string, config: FeatureConfig): FeatureCounts {
  const words = splitWords(normalizeText(text));
  const stems = config.stem ? words.map(stemWord) : words;
  const wordCounts = new Map<number, number>();
  for (let i = 0; i < stems.length; i++) {
    let h = fnv(wordSeed, stems[i]!);
    add(wordCounts, h);
    for (let n = 2; n <= config.wordNgrams && i + n <= stems.length; n++) {
      h = fnv(fnvStep(h, space), stems[i + n - 1]!);
      add(wordCounts, h);
    }
  }
  const charCounts = new Map<number, number>();
  for (const word of words) {
    // positions -1 and word.length are the padding spaces
    for (let start = -1; start + config.charMin <= word.length + 1; start++) {
      let h = charSeed;
      for (let n = 1; n <= config.charMax && start + n <= word.length + 1; n++) {
        const at = start + n - 1;
        h = fnvStep(h, at < 0 || at >= word.length ? space : word.charCodeAt(at));
        if (n >= config.charMin) add(charCounts, h);
      }
    }
  }
  return { words: wordCounts, chars: charCounts };
}

function add(counts: Map<number, number>, hash: number): void {
  // 30 bits keep ids small integers, which V8 stores in a Map without allocating a number per key
  const id = hash >>> 2;
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** Continues an FNV-1a hash over the UTF-16 code units of `s`. */
export function fnv(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

/** Lowercases, folds accents and apostrophes, and turns punctuation into spaces: the text features are read from. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits normalised text into words. */
export function splitWords(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}

/** Strips common English inflections (plural, -ing, -ed, -ly) so "cards", "card" and "carded" share a stem. */
export function stemWord(word: string): string {
  const n = word.length;
  if (n <= 3) return word;
  if (word.endsWith('ies') && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && n > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && n > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('ly') && n > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function undouble(stem: string): string {
  const n = stem.length;
  return n > 2 && stem[n - 1] === stem[n - 2] && !/[lsz]/.test(stem[n - 1]!) ? stem.slice(0, -1) : stem;
}
