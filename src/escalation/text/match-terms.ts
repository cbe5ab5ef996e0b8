import { type Doc, isInflected, normalize, stem } from './tokenize.ts';

/**
 * One word of a term: a stem to compare, or (with a trailing `*`) a prefix of the word as written. A word
 * written inflected (`marked`: "totaled", "rights") only matches inflected words with the same stem.
 */
type TermPart = { value: string; prefix: boolean; marked: boolean };

/** A term compiled for matching: "chest pain", "injur*", "never made". */
export type Term = { raw: string; parts: TermPart[]; negatable: boolean };

/** Named synonym sets, referenced from terms as `~name`. */
export type Lexicon = Readonly<Record<string, readonly string[]>>;

const NEGATORS = new Set([
  'no',
  'not',
  'never',
  'nobody',
  // "nobody's hurt", "no one's injured" (apostrophes are folded away)
  'nobodys',
  'noones',
  'none',
  'nothing',
  'neither',
  'nor',
  'without',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'wont',
  'denies',
  // hedges: "almost passed out" did not happen
  'almost',
  'nearly',
]);

/** Words that may sit between a negator and the term it negates ("I don't have any chest pain"). */
const NEGATION_FILLERS = new Set([
  'a',
  'an',
  'the',
  'any',
  'been',
  'be',
  'have',
  'has',
  'had',
  'having',
  'was',
  'is',
  'are',
  'were',
  'feel',
  'feeling',
  'experiencing',
  'get',
  'getting',
  'got',
  'sign',
  'signs',
  'of',
  'my',
  'i',
  'it',
  'its',
  'really',
  'real',
  'much',
  'more',
  'one',
  'ones',
  'anyone',
  'anybody',
]);

/** Whether a word is a negator ("not", "didnt", ...). */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word);
}

/** Expands `~name` references (recursively) and compiles every term; unknown references throw. */
export function compileTerms(terms: readonly string[], lexicon: Lexicon): Term[] {
  const out: Term[] = [];
  const seen = new Set<string>();
  const visit = (list: readonly string[], path: string[]) => {
    for (const entry of list) {
      if (entry.startsWith('~')) {
        const name = entry.slice(1);
        const ref = lexicon[name];
        if (!ref) throw new Error(`unknown concept "~${name}"`);
        if (path.includes(name)) throw new Error(`concept cycle: ${[...path, name].join(' -> ')}`);
        visit(ref, [...path, name]);
        continue;
      }
      if (seen.has(entry)) continue;
      seen.add(entry);
      const term = compileTerm(entry);
      if (term.parts.length > 0) out.push(term);
    }
  };
  visit(terms, []);
  return out;
}

function compileTerm(raw: string): Term {
  const parts: TermPart[] = [];
  for (const piece of raw.trim().split(/\s+/)) {
    const prefix = piece.endsWith('*');
    const word = normalize(prefix ? piece.slice(0, -1) : piece).replace(/[|\s]/g, '');
    if (word === '') continue;
    parts.push({ value: prefix ? word : stem(word), prefix, marked: !prefix && isInflected(word) });
  }
  const first = parts[0];
  const negatable = first !== undefined && !(NEGATORS.has(first.value) || first.value === 'cant');
  return { raw, parts, negatable };
}

function partMatches(doc: Doc, i: number, part: TermPart): boolean {
  if (part.prefix) return doc.words[i]!.startsWith(part.value);
  return doc.stems[i] === part.value && (!part.marked || doc.inflected[i]!);
}

/** Where a term first matches in a document (index of its first word), or -1; phrases allow `slop` words between. */
export function findTerm(doc: Doc, term: Term, slop = 2): number {
  return scanTerm(doc, term, slop, 0);
}

/** Every position where a term matches (not negated). */
export function termPositions(doc: Doc, term: Term, slop = 2): number[] {
  const out: number[] = [];
  for (let at = scanTerm(doc, term, slop, 0); at >= 0; at = scanTerm(doc, term, slop, at + 1)) out.push(at);
  return out;
}

function scanTerm(doc: Doc, term: Term, slop: number, from: number): number {
  if (from === 0) for (const part of term.parts) if (!part.prefix && !doc.stemSet.has(part.value)) return -1;
  const first = term.parts[0]!;
  for (let i = from; i < doc.words.length; i++) {
    if (!partMatches(doc, i, first)) continue;
    let at = i;
    let ok = true;
    for (let p = 1; p < term.parts.length && ok; p++) {
      ok = false;
      for (let j = at + 1; j <= at + 1 + slop && j < doc.words.length; j++) {
        if (doc.clauses[j] !== doc.clauses[i]) break;
        if (partMatches(doc, j, term.parts[p]!)) {
          at = j;
          ok = true;
          break;
        }
      }
    }
    if (ok && !(term.negatable && isNegated(doc, i))) return i;
  }
  return -1;
}

/** A negator governs the word at `i` when only filler words sit between them in the same clause. */
export function isNegated(doc: Doc, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (doc.clauses[j] !== doc.clauses[i]) return false;
    const w = doc.words[j]!;
    if (NEGATORS.has(w)) return true;
    if (!NEGATION_FILLERS.has(w)) return false;
  }
  return false;
}

type TermIndex = { byFirst: Map<string, number[]>; prefixed: number[] };
const indexes = new WeakMap<readonly Term[], TermIndex>();

/** Terms grouped by the stem of their first word, so a document only tries the terms that can start in it. */
function indexTerms(terms: readonly Term[]): TermIndex {
  let index = indexes.get(terms);
  if (!index) {
    index = { byFirst: new Map(), prefixed: [] };
    terms.forEach((term, i) => {
      const first = term.parts[0]!;
      if (first.prefix) index!.prefixed.push(i);
      else {
        const list = index!.byFirst.get(first.value);
        if (list) list.push(i);
        else index!.byFirst.set(first.value, [i]);
      }
    });
    indexes.set(terms, index);
  }
  return index;
}

/** Indexes (into `terms`) of the terms that could match the document, in list order. */
function candidates(doc: Doc, terms: readonly Term[]): number[] {
  const index = indexTerms(terms);
  const out = [...index.prefixed];
  for (const s of doc.stemSet) {
    const list = index.byFirst.get(s);
    if (list) out.push(...list);
  }
  return out.sort((a, b) => a - b);
}

/** The raw text of every term the customer negated ("I don't have chest pain"): it would match but for a negator. */
export function negatedTerms(doc: Doc, terms: readonly Term[], slop = 2): string[] {
  const hits: string[] = [];
  for (const i of candidates(doc, terms)) {
    const term = terms[i]!;
    if (!term.negatable || findTerm(doc, term, slop) >= 0) continue;
    if (findTerm(doc, { ...term, negatable: false }, slop) >= 0) hits.push(term.raw);
  }
  return hits;
}

/** The raw text of every term that matches the document. */
export function matchTerms(doc: Doc, terms: readonly Term[], slop = 2): string[] {
  const hits: string[] = [];
  for (const i of candidates(doc, terms)) if (findTerm(doc, terms[i]!, slop) >= 0) hits.push(terms[i]!.raw);
  return hits;
}

/** Whether any term matches. */
export function matchesAny(doc: Doc, terms: readonly Term[], slop = 2): boolean {
  for (const i of candidates(doc, terms)) if (findTerm(doc, terms[i]!, slop) >= 0) return true;
  return false;
}

/** Every (term, position) where one of the terms matches. */
export function matchPositions(
  doc: Doc,
  terms: readonly Term[],
  slop = 2,
): Array<{ term: Term; at: number }> {
  const out: Array<{ term: Term; at: number }> = [];
  for (const i of candidates(doc, terms))
    for (const at of termPositions(doc, terms[i]!, slop)) out.push({ term: terms[i]!, at });
  return out;
}

/** The words of the document around a hit, for evidence. */
export function excerpt(doc: Doc, at: number, width = 4): string {
  return doc.words.slice(Math.max(0, at - 1), at + width).join(' ');
}
