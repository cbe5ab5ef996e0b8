import { generateConversations } from '../scripts/car-rental-conversations.ts';
import { preparePack } from '../src/bot/load-packs.ts';
import { learnInWorker } from '../src/improve/learn-in-worker.ts';
import { documentToPack } from '../src/learning/document-pack.ts';
import { readPackDocument } from '../src/learning/pack-document-files.ts';
import { prepareHistory } from '../src/learning/prepare-history.ts';
import { suggest } from '../src/learning/suggest.ts';

/**
 * Learning from 1,000 labelled conversations (the car rental pack, conversations generated with a seed the
 * learning-curve sets do not use): the bot pass over the history, then every suggestion with its effect on
 * five held-out folds; then the live run as the server makes it (in a worker thread, the bot changes
 * replayed for their effect). Wall-clock seconds per step.
 */
export async function benchLearning(count = 1000): Promise<Record<string, number>> {
  const doc = await readPackDocument(new URL('../test/learning/car-rental/pack', import.meta.url).pathname);
  const t0 = performance.now();
  const loaded = await preparePack(documentToPack(doc));
  const t1 = performance.now();
  const history = await prepareHistory(loaded, generateConversations(count, 1000));
  const t2 = performance.now();
  const suggestions = suggest(doc, history, { folds: 5, seed: 1 });
  const t3 = performance.now();
  // The live run as the server makes it: in a worker thread, with the bot changes replayed for their effect.
  const live = await learnInWorker(doc, generateConversations(count, 1000), { rejected: [] });
  const t4 = performance.now();
  return {
    conversations: count,
    suggestions: suggestions.length,
    train_classifier_s: round((t1 - t0) / 1000),
    bot_pass_s: round((t2 - t1) / 1000),
    suggest_s: round((t3 - t2) / 1000),
    total_s: round((t3 - t0) / 1000),
    live_run_s: round((t4 - t3) / 1000),
    live_suggestions: live.length,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

if (process.argv[1]?.endsWith('learning.bench.ts')) console.log(JSON.stringify(await benchLearning()));
