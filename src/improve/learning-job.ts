import { parentPort, workerData } from 'node:worker_threads';
import { type LearnOptions, learnFromHistory } from '../learning/learn-from-history.ts';
import type { LabelledConversation, PackDocument } from '../protocol/learning.ts';

/** What the live learning run hands its worker thread (structured-cloned). */
export type LearningJob = {
  document: PackDocument;
  history: LabelledConversation[];
  options: LearnOptions;
};

// The worker thread's body: the same learning code as `baton learn`, off the server's event loop.
const job = workerData as LearningJob;
learnFromHistory(job.document, job.history, job.options).then(
  ({ suggestions }) => parentPort!.postMessage({ ok: true, suggestions }),
  (err: unknown) =>
    parentPort!.postMessage({
      ok: false,
      message: err instanceof Error ? err.message : String(err),
      name: err instanceof Error ? err.name : 'Error',
    }),
);
