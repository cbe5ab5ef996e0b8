/** A signal counts as a handoff's reason from this score up. */
export const signalFiresAt = 0.5;

/** Why a conversation was handed off, as analytics groups it. */
export type HandoffReason = { rule: string; detectors: string[]; intent: string | null };

/**
 * Reads the reason of a handoff from the bot turn that decided it: the decision's rule, the detectors whose
 * signals fired, the intent understood. Handoffs from another bot are `external`; without a turn, `unknown`.
 */
export function describeHandoffReason(
  turn: { botTurn: Record<string, unknown>; decision: Record<string, unknown> } | undefined,
  external: boolean,
): HandoffReason {
  if (external) return { rule: 'external', detectors: [], intent: null };
  if (!turn) return { rule: 'unknown', detectors: [], intent: null };
  const { decision, botTurn } = turn;
  const rule = typeof decision.rule === 'string' ? decision.rule : 'unknown';
  const signals = Array.isArray(decision.signals)
    ? (decision.signals as { detector?: unknown; score?: unknown }[])
    : [];
  const detectors = [
    ...new Set(
      signals.flatMap((s) =>
        typeof s.detector === 'string' && typeof s.score === 'number' && s.score >= signalFiresAt
          ? [s.detector]
          : [],
      ),
    ),
  ].sort();
  const intent = [botTurn.intent, botTurn.topic].find((x): x is string => typeof x === 'string') ?? null;
  return { rule, detectors, intent };
}
