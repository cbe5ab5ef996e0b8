import { generatePassword } from '../agents/generate-password.ts';
import { saveDemoLogins } from '../agents/save-demo-logins.ts';
import { type SimulationStats, simulateTraffic } from '../analytics/simulate-traffic.ts';
import type { SimAgent } from '../analytics/simulation-client.ts';
import { summarizeAnalytics } from '../analytics/summarize-analytics.ts';
import { manualClock } from '../platform/clock.ts';
import { type Config, ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseLockedError, lockDataDir } from '../platform/db/lock-data-dir.ts';
import type { Summary } from '../protocol/analytics.ts';
import type { RunningBaton } from '../server/start-baton.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage = 'baton simulate --days N [--per-day M] [--seed S]';
const dayMs = 24 * 3600_000;

/** The embedded database is in use by another process (a lock file names it). */

/**
 * Fills the configured database with `days` days of generated conversations (ending at today's UTC midnight)
 * by running Baton in-process on a manual clock and driving it through its API. Returns what it did, the
 * analytics summary of the simulated span (everything stored in it), and the wall-clock seconds it took.
 */
export async function simulate(options: {
  days: number;
  perDay: number;
  seed: number;
  /** Overrides on top of the environment's configuration (`dataDir: ''` is an in-memory database). */
  config?: Partial<Config>;
  print?: (line: string) => void;
}): Promise<{ stats: SimulationStats; summary: Summary; seconds: number; startupSeconds: number }> {
  const print = options.print ?? (() => {});
  const config: Config = {
    ...loadConfig(),
    ...options.config,
    port: 0,
    host: '127.0.0.1',
    rateLimitPerMinute: 1_000_000,
    ipRateLimitPerMinute: 1_000_000,
    logLevel: options.config?.logLevel ?? 'error',
  };
  const release = !config.databaseUrl && config.dataDir ? lockDataDir(config.dataDir, 'simulate') : () => {};
  const started = Date.now();
  const end = Math.floor(Date.now() / dayMs) * dayMs;
  const clock = manualClock(new Date(end - options.days * dayMs));
  let baton: RunningBaton | null = null;
  try {
    const { startBaton } = await import('../server/start-baton.ts');
    baton = await startBaton({
      config,
      now: clock.now,
      routingTickMs: 0,
      spikeCheckMs: 0,
      presenceGraceSeconds: 7 * 24 * 3600,
    });
    const startupSeconds = (Date.now() - started) / 1000;
    await printWayIn(baton, config, print);
    const agents = await simulationAgents(baton);
    print(
      `Simulating ${options.days} day(s) from ${clock.now().toISOString().slice(0, 10)}, about ${options.perDay} conversations a day, ${agents.length} agents`,
    );
    const stats = await simulateTraffic({
      baton,
      clock,
      days: options.days,
      perDay: options.perDay,
      seed: options.seed,
      agents,
      onDay: (d, s) =>
        print(
          `  day ${d + 1}/${options.days}: ${s.conversations} conversations, ${s.handedOff} handed off, ${s.rated} rated (${Math.round((Date.now() - started) / 1000)} s)`,
        ),
    });
    const range = { from: new Date(end - options.days * dayMs), to: new Date(end), pack: null };
    const summary = summarizeAnalytics(await baton.services.analytics.store.loadRows(range), range);
    return { stats, summary, seconds: (Date.now() - started) / 1000, startupSeconds };
  } finally {
    await baton?.close();
    release();
  }
}

/** Makes sure someone can sign in afterwards: where the new demo logins are, or how to create an admin. */
async function printWayIn(baton: RunningBaton, config: Config, print: (line: string) => void): Promise<void> {
  if (baton.demoLogins.length > 0 && config.dataDir) {
    const file = saveDemoLogins(config.dataDir, baton.demoLogins, new Date());
    print(`Demo console logins created now (admin, supervisor, one agent per team): see ${file}`);
    return;
  }
  const admins = (await baton.services.agents.list()).filter((a) => a.role === 'admin' && a.active);
  if (admins.length === 0)
    print(
      'No console admin exists yet; create one with: npx baton user create --email EMAIL --name NAME --role admin',
    );
}

/** The demo agents on a fresh database; otherwise one `sim-TEAM@baton.local` agent per team (created or reset). */
async function simulationAgents(baton: RunningBaton): Promise<SimAgent[]> {
  const demo = baton.demoLogins.filter((l) => l.role === 'agent');
  if (demo.length > 0) return demo.map((l) => ({ email: l.email, password: l.password }));
  const existing = await baton.services.agents.list();
  const agents: SimAgent[] = [];
  for (const team of await baton.services.routing.listTeams()) {
    const email = `sim-${team.id.replaceAll('_', '-')}@baton.local`;
    const password = generatePassword({ email, name: `Sim ${team.name}` });
    const found = existing.find((a) => a.email === email);
    if (found) await baton.services.agents.update(found.id, { password, active: true }, 'simulator');
    else
      await baton.services.agents.create(
        {
          email,
          name: `Sim ${team.name}`,
          role: 'agent',
          password,
          teams: [team.id],
          skills: team.skills,
          capacity: 3,
        },
        'simulator',
      );
    agents.push({ email, password });
  }
  return agents;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const secs = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x)} s`);

/** `baton simulate`. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values } = parseFlags(
      argv,
      { days: { type: 'string' }, 'per-day': { type: 'string' }, seed: { type: 'string' } },
      usage,
    );
    const int = (name: string, raw: string | undefined, fallback: number | null, max: number) => {
      if (raw === undefined) {
        if (fallback === null) throw new UsageError(`--${name} is required\nusage: ${usage}`);
        return fallback;
      }
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > max)
        throw new UsageError(`--${name} must be a whole number from 1 to ${max}`);
      return n;
    };
    const days = int('days', values.days, null, 366);
    const perDay = int('per-day', values['per-day'], 120, 100_000);
    const seed = int('seed', values.seed, 1, 2 ** 31);
    try {
      loadConfig();
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    let result: Awaited<ReturnType<typeof simulate>>;
    try {
      result = await simulate({ days, perDay, seed, print: (line) => console.log(line) });
    } catch (err) {
      if (err instanceof DatabaseLockedError) {
        console.error(`baton: ${err.message}`);
        return 2;
      }
      throw err;
    }
    const { stats, summary: s, seconds, startupSeconds } = result;
    const perMinute = (stats.conversations / Math.max(seconds - startupSeconds, 0.001)) * 60;
    console.log(
      [
        '',
        `Done in ${seconds.toFixed(1)} s (starting Baton ${startupSeconds.toFixed(1)} s; ${Math.round(perMinute)} conversations a minute).`,
        `  simulated          ${stats.conversations} conversations (${stats.handedOff} handed off, ${stats.assigned} taken by agents, ${stats.cancelled} stopped waiting, ${stats.tickets} left a message)`,
        `Analytics of ${s.range.from.slice(0, 10)} to ${s.range.to.slice(0, 10)} (everything stored in that span):`,
        `  containment        ${pct(s.totals.containmentRate)} of ${s.totals.ended} ended; handoff rate ${pct(s.totals.handoffRate)}`,
        `  time to agent      p50 ${secs(s.timeToAgent.p50)}, p90 ${secs(s.timeToAgent.p90)}; handle time p50 ${secs(s.handleTime.p50)}`,
        `  CSAT               ${s.csat.average ?? 'n/a'} average over ${s.csat.count} ratings; ${s.labels.count} labels, ${pct(s.labels.unnecessaryRate)} unnecessary`,
        `  top reasons        ${
          s.byReason.rules
            .slice(0, 5)
            .map((r) => `${r.key} ${r.handoffs}`)
            .join(', ') || 'none'
        }`,
        `  spike alerts       ${stats.spikeAlerts}`,
      ].join('\n'),
    );
    return 0;
  });
}
