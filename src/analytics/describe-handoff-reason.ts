import type { EscalateDecision } from '../protocol/decision.ts';

/** A signal counts as a handoff's reason from this score up. */
export const signalFiresAt = 0.5;

/** Why a conversation was handed off, as analytics groups it. */
export type HandoffReason = { rule: string; detectors: string[]; intent: string | null };

/**
 * Reads the reason of a handoff from the decision it carries: the decision's rule, the detectors whose signals
 * fired, the intent understood on its turn. Handoffs with reasons of their own (another bot's) are `external`;
 * without a decision, `unknown`.
 */
export function describeHandoffReason(handoff: {
  decision?: EscalateDecision;
  intent?: string | null;
  reasons?: string[];
}): HandoffReason {
  if (handoff.reasons !== undefined) return { rule: 'external', detectors: [], intent: null };
  const { decision } = handoff;
  if (!decision) return { rule: 'unknown', detectors: [], intent: null };
  const detectors = [
    ...new Set(decision.signals.filter((s) => s.score >= signalFiresAt).map((s) => s.detector)),
  ].sort();
  return { rule: decision.rule, detectors, intent: handoff.intent ?? null };
}
