import type { Macro } from './api-client.ts';

/**
 * The macros matching what the agent typed in the picker: every word must appear in the title or the text;
 * titles starting with the query come first, then other title matches, then text-only matches.
 */
export function filterMacros(macros: readonly Macro[], query: string): Macro[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...macros];
  const words = q.split(/\s+/);
  const rank = (m: Macro) => {
    const title = m.title.toLowerCase();
    const all = `${title} ${m.text.toLowerCase()}`;
    if (!words.every((w) => all.includes(w))) return -1;
    if (title.startsWith(q)) return 0;
    return words.every((w) => title.includes(w)) ? 1 : 2;
  };
  return macros
    .map((m, i) => ({ m, i, r: rank(m) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.m);
}

/** Whether typing "/" at `caret` opens the macro picker: at the start of the box or of a line, not mid-word. */
export function opensMacroPicker(value: string, caret: number): boolean {
  return caret === 0 || value[caret - 1] === '\n';
}

/** Puts `insert` in place of the selection [start, end); returns the new text and where the caret goes. */
export function insertText(
  value: string,
  start: number,
  end: number,
  insert: string,
): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, value.length));
  const b = Math.max(a, Math.min(end, value.length));
  return { text: value.slice(0, a) + insert + value.slice(b), caret: a + insert.length };
}
