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
