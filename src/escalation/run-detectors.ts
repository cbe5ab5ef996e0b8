import type { Signal } from '../protocol/decision.ts';
import type { AssessContext } from './assess-context.ts';
import { detectBotError } from './detectors/bot-error.ts';
import { detectBusinessRules } from './detectors/business-rules.ts';
import type { Detector } from './detectors/detector.ts';
import { detectExplicitRequest } from './detectors/explicit-request.ts';
import { detectFlowDeadEnd } from './detectors/flow-dead-end.ts';
import { detectLearnedSignal } from './detectors/learned-signal.ts';
import { detectLowConfidence } from './detectors/low-confidence.ts';
import { detectNegativeSentiment } from './detectors/negative-sentiment.ts';
import { detectNoProgress } from './detectors/no-progress.ts';
import { detectOutOfScope } from './detectors/out-of-scope.ts';
import { detectRepetition } from './detectors/repetition.ts';
import { detectRiskTopics } from './detectors/risk-topics.ts';
import { detectSelfServiceFailed } from './detectors/self-service-failed.ts';
import { detectTaggedIntent } from './detectors/tagged-intent.ts';
import { detectVocalCues } from './detectors/vocal-cues.ts';

/** The independent detectors, in order; business rules run last so their conditions can read the others. */
export const detectors: readonly Detector[] = [
  detectExplicitRequest,
  detectOutOfScope,
  detectLowConfidence,
  detectNegativeSentiment,
  detectVocalCues,
  detectRiskTopics,
  detectTaggedIntent,
  detectRepetition,
  detectFlowDeadEnd,
  detectSelfServiceFailed,
  detectNoProgress,
  detectBotError,
  detectBusinessRules,
  // last: the learned signal reads every other detector's score
  detectLearnedSignal,
];

/** Runs every detector on the current turn; the signals are also left in `ctx.signals`. */
export function runDetectors(ctx: AssessContext): Signal[] {
  const all: Signal[] = [];
  for (const detect of detectors) {
    for (const s of detect(ctx)) {
      ctx.signals.set(s.detector, s);
      all.push(s);
    }
  }
  return all;
}
