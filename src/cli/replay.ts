import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { policyChecks } from '../escalation/check-policy.ts';
import { formatReplayReport } from '../escalation/format-replay-report.ts';
import { type ReplayReport, replayConversations } from '../escalation/replay-conversations.ts';
import { loadStoredConversations } from '../improve/load-stored-conversations.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import type { Pack } from '../protocol/pack.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage =
  'baton replay --pack ID --policy FILE [--since YYYY-MM-DD] [--before stored|current] [--packs DIR] [--json]';

/** Re-runs a pack's stored conversations (their stored bot turns) against a policy and reports what would change. */
export async function replayStored(input: {
  database: Database;
  pack: Pack;
  policy: unknown;
  since: Date | null;
  /** Compare against the decisions stored at the time, or against the pack's current policy. */
  before: 'stored' | 'current';
}): Promise<ReplayReport> {
  const conversations = await loadStoredConversations(input.database.db, input.pack.id, input.since);
  return replayConversations({
    pack: input.pack,
    before: input.before === 'stored' ? 'stored' : input.pack.policy,
    after: input.policy,
    conversations,
  });
}

/** Reads a policy file: a bare policy section, `{policy: ...}`, or a whole pack (its policy is used). */
export async function readPolicyFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read policy file ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new UsageError(
      `${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${err instanceof Error ? err.message : err}`,
    );
  }
  if (parsed && typeof parsed === 'object' && 'policy' in parsed)
    return (parsed as { policy: unknown }).policy;
  return parsed ?? {};
}

/** `baton replay`. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values } = parseFlags(
      argv,
      {
        pack: { type: 'string' },
        policy: { type: 'string' },
        since: { type: 'string' },
        before: { type: 'string' },
        packs: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (!values.pack || !values.policy)
      throw new UsageError(`--pack and --policy are required\nusage: ${usage}`);
    const since = values.since ? new Date(values.since) : null;
    if (since && Number.isNaN(since.getTime()))
      throw new UsageError(`--since: "${values.since}" is not a date (use YYYY-MM-DD)`);
    const before = values.before ?? 'current';
    if (before !== 'stored' && before !== 'current')
      throw new UsageError('--before must be "stored" or "current"');
    const policy = await readPolicyFile(values.policy);
    const config = loadConfig();
    const { loadPacks } = await import('../bot/load-packs.ts');
    const packs = await loadPacks({
      checks: policyChecks,
      extraDir: values.packs ?? config.packsDir,
      cacheDir: join(config.dataDir, 'nlu-cache'),
    });
    const loaded = packs.get(values.pack);
    if (!loaded) throw new UsageError(`no pack "${values.pack}" (known: ${[...packs.keys()].join(', ')})`);
    let database: Database;
    try {
      database = config.databaseUrl
        ? await openDatabase({ url: config.databaseUrl })
        : await openDatabase({ dataDir: config.dataDir });
    } catch (err) {
      console.error(`baton: cannot open the database: ${err instanceof Error ? err.message : err}`);
      return 2;
    }
    try {
      const report = await replayStored({ database, pack: loaded.pack, policy, since, before });
      console.log(values.json ? JSON.stringify(report) : formatReplayReport(report));
      return 0;
    } catch (err) {
      if (err instanceof Error && err.name === 'ZodError') {
        console.error(`baton: the policy in ${values.policy} is invalid: ${err.message}`);
        return 2;
      }
      throw err;
    } finally {
      await database.close();
    }
  });
}
