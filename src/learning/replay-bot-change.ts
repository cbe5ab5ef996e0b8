import type { LoadedPack } from '../bot/load-packs.ts';
import type {
  Effect,
  LabelledConversation,
  PackDocument,
  PreparedConversation,
  Suggestion,
} from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { documentToEscalation } from './document-pack.ts';
import { prepareHistory } from './prepare-history.ts';
import { effectScores, predictAll } from './replay-labelled.ts';

/** Builds the bot of a pack document; `reuse` is the current bot, whose classifier fits when no intent changed. */
export type LoadPack = (doc: PackDocument, reuse?: LoadedPack) => Promise<LoadedPack>;

/** Most conversations a bot change is replayed on. */
const MAX_REPLAYED = 200;

const unanswered = (prepared: readonly PreparedConversation[]) =>
  prepared.reduce(
    (n, p) => n + p.turns.filter((t) => t.replyKind === 'fallback' || t.replyKind === 'none').length,
    0,
  );

/**
 * The predicted effect of a change to what the bot understands or answers (intent examples, a new intent, an
 * article): the bot with the change runs over the whole history again, and the policy decides on its turns. The
 * change was learned from these conversations, so the figures are a replay, not held out. At most 200
 * conversations are replayed, those it was learned from first.
 */
export async function replayBotChange(input: {
  doc: PackDocument;
  suggestion: Suggestion;
  history: readonly LabelledConversation[];
  prepared: readonly PreparedConversation[];
  current: LoadedPack;
  load: LoadPack;
}): Promise<Effect | null> {
  const { doc, suggestion } = input;
  // A bounded sample keeps a run over a long history fast: the conversations it was learned from, then the rest.
  const evidence = new Set(suggestion.evidence.conversations);
  const order = input.history
    .map((_c, i) => i)
    .sort((a, b) => Number(!evidence.has(input.history[a]!.id)) - Number(!evidence.has(input.history[b]!.id)))
    .slice(0, MAX_REPLAYED)
    .sort((a, b) => a - b);
  const history = order.map((i) => input.history[i]!);
  const prepared = order.map((i) => input.prepared[i]!);
  let changed: PackDocument;
  try {
    changed = applyChanges(doc, suggestion.change);
  } catch {
    return null;
  }
  const teaches = suggestion.change.some((c) => c.op === 'add_intent_examples' || c.op === 'add_intent');
  const again = await prepareHistory(await input.load(changed, teaches ? undefined : input.current), history);
  const before = predictAll(documentToEscalation(doc), prepared);
  const after = predictAll(documentToEscalation(changed), again);
  let gained = 0;
  let lost = 0;
  before.forEach((b, i) => {
    if (!b.handoff && after[i]!.handoff) gained++;
    if (b.handoff && !after[i]!.handoff) lost++;
  });
  return {
    method: 'replay',
    folds: 0,
    conversations: history.length,
    before: effectScores(prepared, before),
    after: effectScores(again, after),
    handoffsGained: gained,
    handoffsLost: lost,
    note: `customer turns the bot did not understand: ${unanswered(prepared)} -> ${unanswered(again)}; replayed on ${history.length < input.history.length ? `${history.length} of ${input.history.length} conversations, those it was learned from first` : 'the conversations it was learned from'}, not held out`,
  };
}
