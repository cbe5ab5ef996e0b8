import { LineCounter, parseDocument } from 'yaml';
import { type Pack, packSchema } from '../protocol/pack.ts';
import { checkPackReferences } from './check-pack-references.ts';
import { formatPath, PackError, type PackIssue } from './pack-error.ts';

/** Parses and validates one pack's YAML text; every problem is reported at once as a PackError. */
export function parsePack(text: string, file: string): Pack {
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
  const parsed = packSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issues = new Map<string, PackIssue>();
    for (const i of parsed.error.issues) {
      const path = formatPath(i.path);
      // one problem per place: a wrong type makes the checks after it meaningless
      if (!issues.has(path)) issues.set(path, { path, message: i.message, line: lineOf(i.path) });
    }
    throw new PackError(file, [...issues.values()]);
  }
  const problems = checkPackReferences(parsed.data);
  if (problems.length > 0) {
    throw new PackError(
      file,
      problems.map((p) => ({ path: formatPath(p.path), message: p.message, line: lineOf(p.path) })),
    );
  }
  return parsed.data;
}
