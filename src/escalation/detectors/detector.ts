import type { Signal } from '../../protocol/decision.ts';
import type { AssessContext } from '../assess-context.ts';

/** A detector reads the conversation so far and reports zero or more signals. */
export type Detector = (ctx: AssessContext) => Signal[];

/** Rounds a score to 3 decimals and clamps it to 0..1. */
export function clampScore(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}
