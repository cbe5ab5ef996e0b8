import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadedPack, loadPacks } from '../bot/load-packs.ts';
import { PackError } from '../bot/pack-error.ts';
import { policyChecks } from '../escalation/check-policy.ts';
import { evaluateScenarios, formatScores, type Prediction } from '../escalation/evaluate-scenarios.ts';
import { runScenario } from '../escalation/run-scenario.ts';
import { scenarioFilesIn } from '../escalation/scenario-files.ts';
import { parseScenarios, type Scenario, ScenarioFileError } from '../escalation/scenario-schema.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage = 'baton eval FILE.jsonl|DIR ... [--packs DIR] [--json] [--trace]';

/**
 * `baton eval`: runs every scenario through the same pipeline as a live chat (bot turn, detectors,
 * decision) and scores the first offer or handoff against the expectation. An offer counts as a handoff:
 * the customer is asked, and a scenario's customer is taken to accept.
 */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values, positionals } = parseFlags(
      argv,
      {
        packs: { type: 'string' },
        json: { type: 'boolean', default: false },
        trace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      } as const,
      usage,
    );
    if (values.help) {
      console.log(`usage: ${usage}`);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError(`give at least one scenario file\nusage: ${usage}`);
    const scenarios: (Scenario & { file: string })[] = [];
    let packs: Map<string, LoadedPack>;
    try {
      const seen = new Map<string, string>();
      for (const file of await scenarioFiles(positionals)) {
        for (const s of parseScenarios(await readText(file), file)) {
          const other = seen.get(s.id);
          if (other) throw new ScenarioFileError(`${file}: scenario id "${s.id}" is also used in ${other}`);
          seen.set(s.id, file);
          scenarios.push({ ...s, file });
        }
      }
      packs = await loadPacks({
        extraDir: values.packs,
        cacheDir: join(tmpdir(), 'baton-nlu-cache'),
        checks: policyChecks,
      });
    } catch (err) {
      if (err instanceof ScenarioFileError || err instanceof PackError) throw new UsageError(err.message);
      throw err;
    }
    for (const s of scenarios) {
      if (!packs.has(s.pack)) {
        throw new UsageError(
          `${s.file}: scenario ${s.id}: unknown pack "${s.pack}" (known: ${[...packs.keys()].join(', ')})`,
        );
      }
    }
    const predictions: Prediction[] = [];
    for (const s of scenarios) {
      const result = await runScenario(packs.get(s.pack)!, s);
      predictions.push(result.prediction);
      if (values.trace) {
        for (let i = 0; i < result.turns.length; i++) {
          const t = result.turns[i]!;
          const d = result.decisions[i]!;
          const signals = d.signals.map((x) => `${x.detector}=${x.score}`).join(' ');
          console.error(
            `${s.id}#${t.turn} ${t.intent ?? '-'}@${t.confidence.toFixed(2)}${t.outOfScope ? ' oos' : ''} ${t.replyKind} ` +
              `sent=${t.sentiment.score} -> ${d.kind}${d.kind === 'stay' ? '' : ` ${d.team}/${d.priority} (${d.rule})`} | ${signals}`,
          );
        }
      }
    }
    const scores = evaluateScenarios(scenarios, predictions);
    console.log(values.json ? JSON.stringify(scores) : formatScores(scores));
    return 0;
  });
}

/** The scenario files named: files as given, folders as their `*.jsonl` files in name order. */
async function scenarioFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const inside = await scenarioFilesIn(path);
    if (inside.length === 0) throw new ScenarioFileError(`${path}: no .jsonl scenario files in this folder`);
    files.push(...inside);
  }
  return files;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(
      `${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}
