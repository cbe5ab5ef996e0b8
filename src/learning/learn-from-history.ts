import { preparePack } from '../bot/load-packs.ts';
import type { LabelledConversation, PackDocument, Suggestion, SuggestionKind } from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { documentToPack } from './document-pack.ts';
import { prepareHistory } from './prepare-history.ts';
import { type LoadPack, replayBotChange } from './replay-bot-change.ts';
import { suggest } from './suggest.ts';

/** What the bot should learn: applied first when everything is approved, so the policy learns on the new bot. */
const BOT_KINDS: SuggestionKind[] = ['intent_example', 'new_intent', 'kb_article'];
const POLICY_KINDS: SuggestionKind[] = [
  'policy_cue',
  'policy_threshold',
  'policy_suppress',
  'topic_team',
  'learned_signal',
];

export type LearnOptions = {
  folds?: number;
  seed?: number;
  /** Ids of suggestions a person rejected: not proposed again. */
  rejected?: string[];
  /** Apply every suggestion and return the resulting document (`baton learn --approve all`). */
  approveAll?: boolean;
  /** Where trained classifiers are cached between runs. */
  cacheDir?: string;
  /** The pack's file name, for error messages. */
  file?: string;
};

/**
 * The learning loop from a pack document and labelled history: builds the bot from the document, runs it over
 * the history, and suggests. With `approveAll`, applies what the bot should learn first, runs the new bot over
 * the history again, then applies every policy suggestion learned on it. What `baton learn` and the live
 * learning run (in a worker thread) both call.
 */
export async function learnFromHistory(
  doc: PackDocument,
  history: readonly LabelledConversation[],
  options: LearnOptions = {},
): Promise<{ suggestions: Suggestion[]; document: PackDocument }> {
  const { folds = 5, seed = 1, rejected = [] } = options;
  const load: LoadPack = (d, reuse) =>
    preparePack(documentToPack(d, options.file), {
      cacheDir: options.cacheDir,
      classifier: reuse?.classifier,
    });
  const current = await load(doc);
  const prepared = await prepareHistory(current, history);
  if (!options.approveAll) {
    const suggestions = suggest(doc, prepared, { folds, seed, rejected });
    // What a person decides on gets its predicted effect: the bot's changes are replayed with the bot changed.
    for (const [i, s] of suggestions.entries()) {
      if (!BOT_KINDS.includes(s.kind)) continue;
      const effect = await replayBotChange({ doc, suggestion: s, history, prepared, current, load });
      if (effect) suggestions[i] = { ...s, effect };
    }
    return { suggestions, document: doc };
  }
  const bot = suggest(doc, prepared, { folds, seed, rejected, kinds: BOT_KINDS });
  const taught = applyChanges(
    doc,
    bot.flatMap((s) => s.change),
  );
  const again = await prepareHistory(await load(taught), history);
  const policy = suggest(taught, again, { folds, seed, rejected, kinds: POLICY_KINDS });
  const document = applyChanges(
    taught,
    policy.flatMap((s) => s.change),
  );
  documentToPack(document, options.file);
  return { suggestions: [...bot, ...policy], document };
}
