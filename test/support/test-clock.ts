/**
 * A clock that runs at real speed from a fixed weekday mid-morning in New York (so the demo teams are open),
 * and can be moved forward to trigger timers (offer expiry, SLA) without waiting.
 */
export function testClock(start = '2026-11-25T15:00:00Z') {
  const base = new Date(start).getTime();
  const realStart = Date.now();
  let offset = 0;
  return {
    now: () => new Date(base + (Date.now() - realStart) + offset),
    advance: (ms: number) => {
      offset += ms;
    },
  };
}
