/** Delay before reconnect attempt `attempt` (0-based): exponential from `baseMs`, capped, with up to 30% jitter from `random` (0..1). */
export function backoffDelay(attempt: number, random: number, baseMs = 500, maxMs = 15_000): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp * (0.7 + 0.3 * random));
}
