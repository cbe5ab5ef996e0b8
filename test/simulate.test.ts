import { describe, expect, it } from 'vitest';
import { run, simulate } from '../src/cli/simulate.ts';

describe('baton simulate', () => {
  it('fills an in-memory database through the real pipeline with a consistent history', async () => {
    const { stats, summary: s } = await simulate({
      days: 1,
      perDay: 30,
      seed: 7,
      config: { dataDir: '', databaseUrl: undefined, redisUrl: undefined },
    });
    expect(stats.conversations).toBeGreaterThanOrEqual(15);
    expect(stats.handedOff).toBeGreaterThan(0);
    expect(s.totals.conversations).toBe(stats.conversations);
    expect(s.totals.handedOff).toBe(stats.handedOff);
    expect(s.totals.ended).toBeGreaterThan(0);
    expect(s.totals.contained).toBeLessThanOrEqual(s.totals.ended);
    expect(s.totals.containmentRate).toBeCloseTo(s.totals.contained / s.totals.ended, 3);
    expect(s.range.bucket).toBe('hour');
    expect(s.series).toHaveLength(24);
    expect(s.series.reduce((n, b) => n + b.conversations, 0)).toBe(stats.conversations);
    expect(s.byPack.reduce((n, p) => n + p.conversations, 0)).toBe(stats.conversations);
    expect(s.byReason.rules.reduce((n, r) => n + r.handoffs, 0)).toBe(s.abandonment.handoffs);
    expect(s.byTeam.reduce((n, r) => n + r.handoffs, 0)).toBe(s.abandonment.handoffs);
    expect(s.timeToAgent.count).toBe(stats.assigned);
    expect(s.abandonment.cancelled).toBe(stats.cancelled);
    expect(s.csat.count).toBe(stats.rated);
    expect(s.labels.count).toBe(stats.labelled);
    if (s.timeToAgent.count > 0) expect(s.timeToAgent.p50!).toBeLessThanOrEqual(s.timeToAgent.p90!);
    expect(Object.values(s.csat.distribution).reduce((n, x) => n + x, 0)).toBe(s.csat.count);
  }, 180_000);

  it('refuses bad flags', async () => {
    expect(await run([])).toBe(2);
    expect(await run(['--days', '0'])).toBe(2);
    expect(await run(['--days', '2', '--per-day', 'many'])).toBe(2);
  });
});
