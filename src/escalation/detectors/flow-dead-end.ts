import type { Signal } from '../../protocol/decision.ts';
import type { Detector } from './detector.ts';

/**
 * Flow dead end: the current troubleshooting flow gave up, used up its cycles, or the customer has replied
 * `maxCycles` times inside it without success (whatever the bot made of "restart did nothing").
 */
export const detectFlowDeadEnd: Detector = (ctx) => {
  const flow = ctx.current.flow;
  if (!flow) return [];
  let replies = -1;
  for (let i = ctx.turns.length - 1; i >= 0; i--) {
    const f = ctx.turns[i]!.flow;
    if (!f || f.flow !== flow.flow || f.status !== 'active') break;
    // A document that arrived on a documents step is progress: the replies before it do not count as stalling.
    const before = ctx.turns[i - 1]?.flow;
    if (before?.flow === f.flow && before.step === f.step && received(f) > received(before)) break;
    replies++;
  }
  const gaveUp =
    flow.status === 'gave_up' || (flow.status === 'active' && flow.failedCycles >= flow.maxCycles);
  const stalled = flow.status === 'active' && replies >= flow.maxCycles;
  let score = 0;
  let evidence = '';
  if (gaveUp) {
    score = 1;
    evidence = `flow ${flow.flow} gave up after ${flow.failedCycles} failed attempt(s)`;
  } else if (stalled) {
    score = 1;
    evidence = `flow ${flow.flow}: ${replies} replies without success`;
  } else if (flow.status === 'active' && flow.failedCycles > 0) {
    score = Math.min(0.3, 0.1 * flow.failedCycles);
    evidence = `flow ${flow.flow}: ${flow.failedCycles} of ${flow.maxCycles} attempts failed`;
  }
  if (score === 0) return [];
  const signal: Signal = { detector: 'flow_dead_end', score, peak: score, evidence: [evidence] };
  const team = ctx.pack.flowTeams.get(flow.flow);
  if (team) signal.team = team;
  return [signal];
};

/** Documents received so far on the flow's documents step (0 on any other step). */
function received(flow: { documents?: { received: number }[] }): number {
  return (flow.documents ?? []).reduce((sum, d) => sum + d.received, 0);
}
