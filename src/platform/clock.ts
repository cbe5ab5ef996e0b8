/** The source of time for use cases; tests pass a fixed or manual one. */
export type Clock = { now: () => Date };

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told, for tests and simulations. */
export function manualClock(
  start = new Date('2026-01-05T09:00:00Z'),
): Clock & { advance: (ms: number) => void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}
