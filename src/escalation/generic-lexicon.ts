import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { lexiconFileSchema } from '../protocol/lexicon.ts';
import type { Lexicon } from './text/match-terms.ts';

/**
 * The engine's generic English concept sets (requests, frustration, complaints, legal threats, churn, safety,
 * fraud, outages), read once from `generic-lexicon.yaml`; a pack's own sets extend or replace them.
 */
export const genericLexicon: Lexicon = lexiconFileSchema.parse(
  parse(readFileSync(new URL('./generic-lexicon.yaml', import.meta.url), 'utf8')),
);
