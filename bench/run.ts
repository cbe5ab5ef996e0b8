import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchWsThroughput, type Engine } from './ws-throughput.ts';

// `npm run bench [-- --json] [--customers N] [--messages M] [--engine pglite|postgres|both] [--only NAME,...]`

type Options = { customers: number; messages: number; engines: Engine[] };

/** A named benchmark; its result is printed as-is under its name. */
type Bench = { name: string; run: (options: Options) => Promise<unknown> };

/** Every bench `npm run bench` runs, in order; add one here (`--only NAME` runs a subset). */
const benches: Bench[] = [
  {
    name: 'ws-throughput',
    run: async (o) => {
      const results = [];
      for (const engine of o.engines)
        results.push(await benchWsThroughput({ engine, customers: o.customers, messages: o.messages }));
      return results;
    },
  },
  {
    name: 'bot-reply',
    run: async (o) => {
      const { benchBotReply } = await import('./bot-reply.ts');
      const results = [];
      for (const engine of o.engines)
        results.push(await benchBotReply({ engine, customers: o.customers, messages: o.messages }));
      return results;
    },
  },
  {
    name: 'escalation',
    run: async () => {
      const mod = await optional<{
        benchEscalation: () => Promise<{ p50_ms: number; p99_ms: number; turns: number }>;
      }>('./escalation.bench.ts');
      return mod ? mod.benchEscalation() : { skipped: 'bench/escalation.bench.ts does not exist' };
    },
  },
  {
    name: 'learning',
    run: async () => {
      const mod = await optional<{ benchLearning: () => Promise<unknown> }>('./learning.bench.ts');
      return mod ? mod.benchLearning() : { skipped: 'bench/learning.bench.ts does not exist' };
    },
  },
  {
    name: 'handoff-offer',
    run: async (o) => {
      const mod = await optional<{
        benchHandoffOffer: (options: { engine: Engine }) => Promise<unknown>;
      }>('./handoff-offer.ts');
      if (!mod) return { skipped: 'bench/handoff-offer.ts does not exist' };
      const results = [];
      for (const engine of o.engines) results.push(await mod.benchHandoffOffer({ engine }));
      return results;
    },
  },
  {
    name: 'incident-page',
    run: async (o) => {
      const { benchIncidentPage } = await import('./incident-page.ts');
      const results = [];
      for (const engine of o.engines) results.push(await benchIncidentPage({ engine }));
      return results;
    },
  },
];

/** Imports a bench module another part owns, or null when it is not there (yet). */
async function optional<T>(relative: string): Promise<T | null> {
  if (!existsSync(fileURLToPath(new URL(relative, import.meta.url)))) return null;
  return (await import(relative)) as T;
}

const usage =
  'usage: npm run bench -- [--json] [--customers N] [--messages M] [--engine pglite|postgres|both] [--only NAME,...]';

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const customers = Number(values.customers);
  const messages = Number(values.messages);
  const engine = values.engine;
  if (!(customers >= 1 && messages >= 1 && ['pglite', 'postgres', 'both'].includes(engine))) {
    console.error(usage);
    return 2;
  }
  const options: Options = {
    customers,
    messages,
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine as Engine],
  };
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !benches.some((b) => b.name === n)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
    return 2;
  }

  const results: Record<string, unknown> = {};
  let failed = false;
  for (const bench of benches) {
    if (only && !only.includes(bench.name)) continue;
    if (!values.json) console.error(`running ${bench.name}...`);
    try {
      results[bench.name] = await bench.run(options);
    } catch (err) {
      failed = true;
      results[bench.name] = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
  }
  const report = { machine: machine(), options, results };
  if (values.json) console.log(JSON.stringify(report));
  else printReport(report.machine, results);
  return failed ? 1 : 0;
}

function parse() {
  return parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      customers: { type: 'string', default: '50' },
      messages: { type: 'string', default: '40' },
      engine: { type: 'string', default: 'both' },
      only: { type: 'string' },
    },
  });
}

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    /** Other work on the machine skews the numbers: the 1-minute load average when the run started. */
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}

function printReport(m: ReturnType<typeof machine>, results: Record<string, unknown>): void {
  console.log(
    `machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, node ${m.node}, ${m.platform}, load ${m.loadAverage}\n`,
  );
  for (const [name, result] of Object.entries(results)) {
    console.log(`## ${name}`);
    if (name === 'ws-throughput' && Array.isArray(result)) {
      const rows = result as Awaited<ReturnType<typeof benchWsThroughput>>[];
      console.table(
        rows.map((r) => ({
          engine: r.engine,
          customers: r.customers,
          messages: r.messages,
          'acks/s': r.ackPerSecond,
          'p50 ms': r.ackP50Ms,
          'p99 ms': r.ackP99Ms,
          'raw inserts/s': r.rawInsertsPerSecond,
          ratio: r.ratio,
        })),
      );
      if (rows[0]) console.log(`note: ${rows[0].note}`);
    } else console.log(JSON.stringify(result, null, 2));
    console.log('');
  }
}

// Exit explicitly: a bench must not hang on a handle some library left open.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
