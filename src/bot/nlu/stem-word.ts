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
