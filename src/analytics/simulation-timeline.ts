/** Steps at simulated times, run one at a time in time order (ties in the order they were added). */
export type SimulationTimeline = ReturnType<typeof createTimeline>;

export function createTimeline(clock: { now: () => Date; advance: (ms: number) => void }) {
  const steps: { at: number; order: number; run: () => Promise<void> }[] = [];
  let order = 0;
  const now = () => clock.now().getTime();
  const at = (when: number, run: () => Promise<void>) => {
    const step = { at: when, order: order++, run };
    let lo = 0;
    let hi = steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = steps[mid]!;
      if (m.at < when || (m.at === when && m.order < step.order)) lo = mid + 1;
      else hi = mid;
    }
    steps.splice(lo, 0, step);
  };
  return {
    now,
    at,
    /** Runs `run` `ms` from now (simulated). */
    later: (ms: number, run: () => Promise<void>) => at(now() + Math.max(0, ms), run),
    /** A number that differs for every call (client message ids). */
    unique: () => order++,
    /** Moves the clock from step to step and runs each, until none is left before `stop`. */
    async runUntil(stop: number) {
      for (let step = steps.shift(); step && step.at <= stop; step = steps.shift()) {
        if (step.at > now()) clock.advance(step.at - now());
        await step.run();
      }
    },
  };
}
