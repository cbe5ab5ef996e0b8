import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const localeWordsSchema = z.strictObject({
  acceptOffer: z.array(z.string().min(1)).min(1),
  handoffReassurance: z.string().min(1),
});

/** What the assistant understands and says around a handoff in one language. */
export type LocaleWords = z.infer<typeof localeWordsSchema> & { accepts: RegExp };

const fileSchema = z.record(z.string(), localeWordsSchema).refine((l) => 'en' in l, 'needs an `en` locale');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const locales = new Map(
  Object.entries(
    fileSchema.parse(parse(readFileSync(new URL('./locales.yaml', import.meta.url), 'utf8'))),
  ).map(([id, words]) => [
    id.toLowerCase(),
    {
      ...words,
      accepts: new RegExp(`^\\s*(?:${words.acceptOffer.map(escapeRegExp).join('|')})\\b`, 'i'),
    },
  ]),
);

/** The words of a pack's locale: the exact tag (`en-US`), else its language (`en`), else English. */
export function localeWords(locale: string): LocaleWords {
  const tag = locale.toLowerCase();
  return locales.get(tag) ?? locales.get(tag.split('-')[0] ?? '') ?? (locales.get('en') as LocaleWords);
}
