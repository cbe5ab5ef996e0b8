import MiniSearch, { type SearchResult } from 'minisearch';
import type { PackArticle } from '../protocol/pack.ts';

/** The best article for a question, with a score normalised to 0..1. */
export type KnowledgeMatch = { id: string; title: string; body: string; score: number };

/** Search over a pack's articles. */
export type KnowledgeBase = {
  size: number;
  /** The best article for a text, or null when nothing matches at all. */
  search: (text: string, options?: { boostTags?: string[]; onlyTags?: string[] }) => KnowledgeMatch | null;
  /** The articles carrying a tag, in pack order. */
  tagged: (tag: string) => KnowledgeMatch[];
};

const STOPWORDS = new Set(
  `a an the and or but if of to in on at by for with from as is are was were be been being am do does did
  doing have has had having i me my mine we us our you your yours he she it its they them their this that
  these those there here what which who whom whose when where why how can could would should will shall may
  might must just so than too very also about into over under again then once any some all each both few more
  most other such no nor not only own same s t don now hi hello hey please thanks thank ok okay yes want
  need like get got im ive id youre dont doesnt know tell let`.split(/\s+/),
);

/** Light English stemming so "fees", "charged" and "charging" meet "fee" and "charge". */
function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3).replace(/(.)\1$/, '$1');
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2).replace(/(.)\1$/, '$1');
  return word;
}

/** Lowercase, drop apostrophes and stopwords, stem; null drops the term. */
function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/['’]/g, '');
  if (t.length < 2 || STOPWORDS.has(t)) return null;
  return stem(t);
}

const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}'’]+/u).filter(Boolean);

/** Score saturation constant: a raw BM25 score equal to it counts as half of the score's share. */
const SATURATION = 6;

/** Builds the knowledge base: fuzzy, prefix search with titles and tags weighing more than bodies. */
export function createKnowledgeBase(articles: readonly PackArticle[]): KnowledgeBase {
  const index = new MiniSearch<PackArticle & { tagText: string }>({
    fields: ['title', 'body', 'tagText'],
    storeFields: ['id'],
    tokenize,
    processTerm,
  });
  index.addAll(articles.map((a) => ({ ...a, tagText: a.tags.join(' ') })));
  const byId = new Map(articles.map((a) => [a.id, a]));

  return {
    size: articles.length,
    search(text, options = {}) {
      const terms = [
        ...new Set(
          tokenize(text)
            .map(processTerm)
            .filter((t): t is string => t !== null),
        ),
      ];
      if (terms.length === 0 || articles.length === 0) return null;
      const boostTags = new Set(options.boostTags ?? []);
      const onlyTags = options.onlyTags ? new Set(options.onlyTags) : null;
      const results = index.search(terms.join(' '), {
        boost: { title: 2.5, tagText: 1.5, body: 1 },
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
        processTerm: (term) => term,
        filter: onlyTags ? (r) => !!byId.get(String(r.id))?.tags.some((t) => onlyTags.has(t)) : undefined,
        boostDocument: (id) =>
          boostTags.size > 0 && byId.get(String(id))?.tags.some((t) => boostTags.has(t)) ? 2 : 1,
      });
      const best = results[0];
      if (!best) return null;
      const article = byId.get(String(best.id))!;
      return {
        id: article.id,
        title: article.title,
        body: article.body,
        score: normalise(best, terms.length),
      };
    },
    tagged: (tag) =>
      articles
        .filter((a) => a.tags.includes(tag))
        .map((a) => ({ id: a.id, title: a.title, body: a.body, score: 0 })),
  };
}

/** Mixes how many query terms the article covers with how strongly it matches them; one lone term counts less. */
function normalise(result: SearchResult, queryTermCount: number): number {
  const matched = new Set(result.queryTerms).size;
  const coverage = Math.min(1, matched / queryTermCount);
  const strength = result.score / (result.score + SATURATION);
  const lone = matched < 2 ? 0.7 : 1;
  return Math.round(Math.sqrt(coverage * strength) * lone * 1000) / 1000;
}
