import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { parseFlags, withUsage } from './args.ts';

/** `baton migrate`: applies pending migrations to the configured database and exits. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    parseFlags(argv, {}, 'baton migrate   (uses DATABASE_URL, else the embedded database in BATON_DATA_DIR)');
    const config = loadConfig();
    const database = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl })
      : await openDatabase({ dataDir: config.dataDir });
    await database.close();
    console.log(`migrations applied (${database.kind})`);
    return 0;
  });
}
