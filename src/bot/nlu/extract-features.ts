import { normalizeText, splitWords } from './normalize-text.ts';
import { stemWord } from './stem-word.ts';

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
 * word padded with a space on both sides) into counted 32-bit FNV-1a ids. Hashing runs over the
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

function add(counts: Map<number, number>, id: number): void {
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
