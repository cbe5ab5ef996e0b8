/** One problem in a pack file: where (`intents[3].examples`, line) and what. */
export type PackIssue = { path: string; message: string; line?: number };

/** A pack that cannot be loaded; the message names the file, each path inside it and what is wrong. */
export class PackError extends Error {
  override name = 'PackError';
  constructor(
    readonly file: string,
    readonly issues: readonly PackIssue[],
  ) {
    super(
      `${file}: invalid pack\n${issues
        .map((i) => `  ${i.path || '(top level)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`)
        .join('\n')}`,
    );
  }
}

/** Formats a zod or document path as `intents[3].examples`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
