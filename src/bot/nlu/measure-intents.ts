import type { LabelledText } from './load-datasets.ts';
import type { IntentClassifier } from './train-classifier.ts';

/** Accuracy and out-of-scope figures of a classifier on labelled data (rates are fractions 0..1). */
export type IntentScores = {
  inScopeAccuracy: number;
  oosRecall: number;
  oosPrecision: number;
  /** in-scope messages wrongly called out of scope */
  inScopeRejected: number;
};

/** Scores a classifier: in-scope messages must get their intent, out-of-scope ones must be flagged. */
export function measureIntents(
  classifier: IntentClassifier,
  inScope: LabelledText[],
  oos: string[],
): IntentScores {
  let correct = 0;
  let rejected = 0;
  for (const m of inScope) {
    const c = classifier.classify(m.text);
    if (c.intent === m.intent) correct++;
    if (c.outOfScope) rejected++;
  }
  const caught = oos.filter((text) => classifier.classify(text).outOfScope).length;
  const flagged = caught + rejected;
  return {
    inScopeAccuracy: inScope.length === 0 ? 0 : correct / inScope.length,
    oosRecall: oos.length === 0 ? 0 : caught / oos.length,
    oosPrecision: flagged === 0 ? 0 : caught / flagged,
    inScopeRejected: inScope.length === 0 ? 0 : rejected / inScope.length,
  };
}
