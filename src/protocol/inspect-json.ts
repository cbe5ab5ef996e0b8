/** The first thing wrong with a value from the wire: where it is (dotted path) and what is wrong. */
export type JsonProblem = { path: string; segments: string[]; message: string };

/** What `inspectJson` found: the nesting depth (containers), the number of keys and items, the first problem. */
export type JsonShape = { depth: number; entries: number; problem: JsonProblem | null };

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text or JSON (PostgreSQL refuses NUL and lone surrogates), or null. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (loneSurrogate.test(s)) return 'must be well-formed Unicode (no lone surrogate halves)';
  return null;
}

/** A path segment as it can be shown in an error message: NUL and surrogates spelled as escapes. */
const showKey = (key: string) =>
  Array.from(key, (c) =>
    c === '\u0000' || (c.length === 1 && c >= '\uD800' && c <= '\uDFFF')
      ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      : c,
  ).join('');

/**
 * Walks a parsed JSON value without recursion (a 10,000-level document cannot overflow the stack) and reports
 * its depth, its number of keys and items, and the first string or key that is not storable text or the first
 * container nested deeper than `maxDepth`; it does not descend below `maxDepth`, so the work stays bounded.
 */
export function inspectJson(value: unknown, limits: { maxDepth: number }): JsonShape {
  let depth = 0;
  let entries = 0;
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  const at = (path: string[], message: string): JsonShape => ({
    depth,
    entries,
    problem: { path: path.map(showKey).join('.'), segments: path, message },
  });
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return at(item.path, problem);
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    const level = item.depth + 1;
    depth = Math.max(depth, level);
    if (level > limits.maxDepth) return at(item.path, `must not nest deeper than ${limits.maxDepth} levels`);
    const children = Array.isArray(item.value)
      ? item.value.map((v, i) => [String(i), v] as const)
      : Object.entries(item.value);
    entries += children.length;
    if (!Array.isArray(item.value)) {
      for (const [key] of children) {
        const problem = textProblem(key);
        if (problem) return at([...item.path, key], `key ${problem}`);
      }
    }
    // Pushed in reverse so that children are visited in document order.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i]!;
      stack.push({ value: child, path: [...item.path, key], depth: level });
    }
  }
  return { depth, entries, problem: null };
}
