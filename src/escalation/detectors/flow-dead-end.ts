import type { Signal } from '../../protocol/decision.ts';
import type { Detector } from './detector.ts';

/** Flow dead end: the current troubleshooting flow gave up, or used up its cycles. */
export const detectFlowDeadEnd: Detector = (ctx) => {
  const flow = ctx.current.flow;
  if (!flow) return [];
  const exhausted =
    flow.status === 'gave_up' || (flow.status === 'active' && flow.failedCycles >= flow.maxCycles);
  const score = exhausted
    ? 1
    : flow.status === 'active' && flow.failedCycles > 0
      ? Math.min(0.3, 0.1 * flow.failedCycles)
      : 0;
  if (score === 0) return [];
  const signal: Signal = {
    detector: 'flow_dead_end',
    score: Math.min(1, score),
    peak: Math.min(1, score),
    evidence: [
      exhausted
        ? `flow ${flow.flow} gave up after ${flow.failedCycles} failed attempt(s)`
        : `flow ${flow.flow}: ${flow.failedCycles} of ${flow.maxCycles} attempts failed`,
    ],
  };
  const team = ctx.pack.flowTeams.get(flow.flow);
  if (team) signal.team = team;
  return [signal];
};
