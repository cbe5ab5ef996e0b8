import { Worker } from 'node:worker_threads';
import type { LearnOptions } from '../learning/learn-from-history.ts';
import type { LabelledConversation, PackDocument, Suggestion } from '../protocol/learning.ts';
import type { LearningJob } from './learning-job.ts';

/** The worker's entry: registers tsx in the thread, then runs `learning-job.ts`. */
const entry = new URL('./learning-worker.mjs', import.meta.url);

/** A learning run that failed inside its worker thread (its message is the worker's error message). */
export class LearningRunError extends Error {
  override name = 'LearningRunError';
}

/**
 * Runs the learning loop (`learnFromHistory`, the code of `baton learn`) in a worker thread, so a long run
 * (training a classifier, replaying folds) does not block the server's event loop. One thread per run.
 */
export function learnInWorker(
  document: PackDocument,
  history: readonly LabelledConversation[],
  options: LearnOptions,
): Promise<Suggestion[]> {
  const job: LearningJob = { document, history: [...history], options };
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: job });
    let settled = false;
    worker.once('message', (m: { ok: true; suggestions: Suggestion[] } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.suggestions);
      else reject(new LearningRunError(m.message));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new LearningRunError(`the learning worker stopped (exit code ${code})`));
    });
  });
}
