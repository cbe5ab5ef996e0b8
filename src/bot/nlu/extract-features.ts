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

/** The feature set chosen on CLINC150 and BANKING77 validation splits. */
export const defaultFeatureConfig: FeatureConfig = { wordNgrams: 2, charMin: 2, charMax: 5, stem: true };

/** Hashes a text's word n-grams and character n-grams (FNV-1a, 32 bits) into counted feature ids. */
export function extractFeatures(text: string, config: FeatureConfig): FeatureCounts {
  const normalized = normalizeText(text);
  const words = splitWords(normalized);
  const stems = config.stem ? words.map(stemWord) : words;
  const wordCounts = new Map<number, number>();
  for (let n = 1; n <= config.wordNgrams; n++) {
    for (let i = 0; i + n <= stems.length; i++) {
      add(wordCounts, hashString(stems.slice(i, i + n).join(' '), n));
    }
  }
  const charCounts = new Map<number, number>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = config.charMin; n <= config.charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++)
        add(charCounts, hashString(padded.slice(i, i + n), 100 + n));
    }
  }
  return { words: wordCounts, chars: charCounts };
}

function add(counts: Map<number, number>, id: number): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** FNV-1a over UTF-16 code units, salted so the same string in different blocks gets different ids. */
export function hashString(s: string, salt: number): number {
  let h = (0x811c9dc5 ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
