import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packFiles, readPack } from '../bot/load-packs.ts';
import { PackError } from '../bot/pack-error.ts';
import { policyChecks } from '../escalation/check-policy.ts';
import { scenarioFilesIn } from '../escalation/scenario-files.ts';
import { parseScenarios, ScenarioFileError } from '../escalation/scenario-schema.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage = 'baton check-pack PATH ... [--json]';

/**
 * `baton check-pack`: runs every check `serve` and `eval` run when they load packs (the format, the references
 * inside the pack and its policy, the folder's lexicon and scenario files) without training or starting
 * anything. PATH is a pack file, a pack folder, or a folder of packs. Exit 0 when all is well, 1 with problems.
 */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values, positionals } = parseFlags(
      argv,
      {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      } as const,
      usage,
    );
    if (values.help) {
      console.log(`usage: ${usage}`);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError(`give a pack file or folder\nusage: ${usage}`);
    const results: { path: string; pack?: string; problems: string[] }[] = [];
    for (const path of positionals) {
      for (const one of await packsAt(path)) results.push(await checkOne(one));
    }
    const failed = results.filter((r) => r.problems.length > 0);
    if (values.json) console.log(JSON.stringify({ ok: failed.length === 0, packs: results }));
    else {
      for (const r of results) {
        if (r.problems.length === 0) console.log(`ok  ${r.path}${r.pack ? ` (pack "${r.pack}")` : ''}`);
        else for (const p of r.problems) console.error(p);
      }
      console.log(`${results.length - failed.length} of ${results.length} pack(s) ok`);
    }
    return failed.length === 0 ? 0 : 1;
  });
}

/** A pack file or folder as given, or every pack inside a folder of packs. */
async function packsAt(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`${path}: no such file or folder`);
  if (info.isFile()) return [path];
  if (await stat(join(path, 'pack.yaml')).catch(() => null)) return [path];
  const inside = await packFiles(path);
  if (inside.length === 0)
    throw new UsageError(`${path}: no packs here (*.yaml files or folders with pack.yaml)`);
  return inside;
}

async function checkOne(path: string): Promise<{ path: string; pack?: string; problems: string[] }> {
  const shown = relative(process.cwd(), path) || path;
  let id: string;
  try {
    id = (await readPack(path, { checks: policyChecks })).pack.id;
  } catch (err) {
    if (err instanceof PackError) return { path: shown, problems: [err.message] };
    throw err;
  }
  const problems: string[] = [];
  for (const file of await scenarioFilesIn(join(path, 'scenarios'))) {
    try {
      for (const s of parseScenarios(await readFile(file, 'utf8'), relative(process.cwd(), file))) {
        if (s.pack !== id)
          problems.push(
            `${relative(process.cwd(), file)}: scenario ${s.id}: names pack "${s.pack}", not "${id}"`,
          );
      }
    } catch (err) {
      if (err instanceof ScenarioFileError) problems.push(err.message);
      else throw err;
    }
  }
  return { path: shown, pack: id, problems };
}
