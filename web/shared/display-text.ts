/**
 * Bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069) and the
 * left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C). In text someone else wrote they
 * reorder what is shown around them: `invoice\u202Efdp.exe` displays as `invoiceexe.pdf`.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Text someone else wrote (a customer, another system), as it may be shown: without bidirectional controls. */
export function displayText(text: string): string {
  return text.replace(bidiControls, '');
}

/**
 * Parses a server answer for the page: every string in it, keys included, passes `displayText`. The server keeps
 * the text as it was written; only what this page shows is neutralised, once, where it enters the page.
 */
export function parseForDisplay(json: string): unknown {
  return JSON.parse(json, (_key, value: unknown) => {
    if (typeof value === 'string') return displayText(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const entries = Object.entries(value);
    return entries.some(([k]) => displayText(k) !== k)
      ? Object.fromEntries(entries.map(([k, v]) => [displayText(k), v]))
      : value;
  });
}
