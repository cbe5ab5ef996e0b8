import { LineCounter, parseDocument } from 'yaml';
import { lexiconFileSchema } from '../protocol/lexicon.ts';
import { type Pack, packSchema } from '../protocol/pack.ts';
import { checkPackReferences } from './check-pack-references.ts';
import { formatPath, PackError, type PackIssue } from './pack-error.ts';

/** A pack folder's concept sets (`lexicon.yaml`): merged into the pack's `policy.lexicon`. */
export type LexiconSource = { text: string; file: string };

/** A check of a valid pack that the bot cannot make itself (the escalation policy's references). */
export type PackCheck = (pack: Pack) => { path: (string | number)[]; message: string }[];

/** What a pack is parsed with besides its own text. */
export type ParsePackOptions = {
  lexicon?: LexiconSource | undefined;
  checks?: readonly PackCheck[] | undefined;
};

/**
 * Parses and validates one pack's YAML text (plus, for a pack folder, its `lexicon.yaml`); every problem is
 * reported at once as a PackError naming the file, the path inside it and the line.
 */
export function parsePack(text: string, file: string, options: ParsePackOptions = {}): Pack {
  const { lexicon, checks = [] } = options;
  const main = readYaml(text, file);
  const value = main.value as Record<string, unknown> | null;
  if (lexicon && value && typeof value === 'object' && !Array.isArray(value)) {
    value.policy = mergeLexicon(value.policy, readLexicon(lexicon), file, main.lineOf);
  }
  const parsed = packSchema.safeParse(value);
  if (!parsed.success) {
    const issues = new Map<string, PackIssue>();
    for (const i of parsed.error.issues) {
      const path = formatPath(i.path);
      // one problem per place: a wrong type makes the checks after it meaningless
      if (!issues.has(path)) issues.set(path, { path, message: i.message, line: main.lineOf(i.path) });
    }
    throw new PackError(file, [...issues.values()]);
  }
  let problems = checkPackReferences(parsed.data);
  // The policy is checked only once everything it refers to is known to exist.
  if (problems.length === 0) problems = checks.flatMap((check) => check(parsed.data));
  if (problems.length > 0) {
    throw new PackError(
      file,
      problems.map((p) => ({ path: formatPath(p.path), message: p.message, line: main.lineOf(p.path) })),
    );
  }
  return parsed.data;
}

/** Parses YAML text, refusing syntax errors with their lines; `lineOf` finds the line of a path inside it. */
function readYaml(text: string, file: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PackError(
      file,
      doc.errors.map((e) => ({
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        line: e.linePos?.[0].line,
      })),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  return { value: doc.toJS() as unknown, lineOf };
}

/** Validates a `lexicon.yaml`: set names to non-empty term lists. */
function readLexicon(source: LexiconSource): Record<string, string[]> {
  const { value, lineOf } = readYaml(source.text, source.file);
  const parsed = lexiconFileSchema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new PackError(
      source.file,
      parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        message: i.message,
        line: lineOf(i.path),
      })),
    );
  }
  return parsed.data;
}

/** Adds the folder's sets to `policy.lexicon`; a set defined in both places is an error, not a silent override. */
function mergeLexicon(
  policy: unknown,
  sets: Record<string, string[]>,
  file: string,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): unknown {
  if (Object.keys(sets).length === 0) return policy;
  const section = (policy ?? {}) as Record<string, unknown>;
  if (typeof section !== 'object' || Array.isArray(section)) return policy;
  const inline = (section.lexicon ?? {}) as Record<string, unknown>;
  if (typeof inline !== 'object' || Array.isArray(inline)) return policy;
  const twice = Object.keys(sets).filter((name) => name in inline);
  if (twice.length > 0) {
    throw new PackError(
      file,
      twice.map((name) => ({
        path: `policy.lexicon.${name}`,
        message: `concept set "${name}" is defined both here and in the folder's lexicon.yaml; keep one`,
        line: lineOf(['policy', 'lexicon', name]),
      })),
    );
  }
  return { ...section, lexicon: { ...sets, ...inline } };
}
