import { writeFile } from 'node:fs/promises';
import { readPack } from '../bot/load-packs.ts';
import { createOutcomeLabels } from '../feedback/outcome-labels.ts';
import { createOutcomeStore } from '../feedback/outcome-store.ts';
import { exportLabelledHistory } from '../improve/export-labelled-history.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage = 'baton export-labels --pack ID [--since YYYY-MM-DD] [--default-team TEAM] [--out FILE.jsonl]';

/** `baton export-labels`: the stored labelled history of a pack as JSON Lines, for `baton learn --history`. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values } = parseFlags(
      argv,
      {
        pack: { type: 'string' },
        since: { type: 'string' },
        'default-team': { type: 'string' },
        out: { type: 'string' },
        packs: { type: 'string' },
      },
      usage,
    );
    if (!values.pack) throw new UsageError(`--pack is required\nusage: ${usage}`);
    const since = values.since ? new Date(values.since) : new Date(0);
    if (Number.isNaN(since.getTime()))
      throw new UsageError(`--since: "${values.since}" is not a date (use YYYY-MM-DD)`);
    const config = loadConfig();
    const defaultTeam =
      values['default-team'] ?? (await packDefaultTeam(values.pack, values.packs ?? config.packsDir));
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
      const labels = createOutcomeLabels({ store: createOutcomeStore(database.db), now: () => new Date() });
      const history = await exportLabelledHistory({
        db: database.db,
        labels,
        packId: values.pack,
        since,
        defaultTeam,
      });
      const text = history.map((c) => JSON.stringify(c)).join('\n') + (history.length > 0 ? '\n' : '');
      if (values.out) {
        await writeFile(values.out, text);
        console.error(`baton: ${history.length} labelled conversations written to ${values.out}`);
      } else process.stdout.write(text);
      return 0;
    } finally {
      await database.close();
    }
  });
}

/** The default team of a pack (from the built-in packs or an extra folder), or `support` when it is not found. */
async function packDefaultTeam(id: string, extraDir: string | undefined): Promise<string> {
  const { builtinPacksDir, packFiles } = await import('../bot/load-packs.ts');
  for (const dir of [extraDir, builtinPacksDir].filter((d): d is string => !!d)) {
    for (const file of await packFiles(dir).catch(() => [])) {
      const { pack } = await readPack(file).catch(() => ({ pack: null }));
      if (pack?.id === id) return pack.teams.find((t) => t.default)?.id ?? pack.teams[0]?.id ?? 'support';
    }
  }
  return 'support';
}
