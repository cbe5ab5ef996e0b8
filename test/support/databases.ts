import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';

/** The PostgreSQL server the tests use (a local one with trust auth unless told otherwise). */
export const testPostgresUrl =
  process.env.BATON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates an empty PostgreSQL database of its own for one test file; `drop` removes it. */
export async function createTestPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `baton_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: testPostgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The two engines every store contract suite runs against. */
export const engines: {
  name: string;
  open: () => Promise<{ database: Database; cleanup: () => Promise<void> }>;
}[] = [
  {
    name: 'pglite',
    open: async () => {
      const database = await openDatabase({});
      return { database, cleanup: () => database.close() };
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const pgdb = await createTestPostgres();
      const database = await openDatabase({ url: pgdb.url, poolSize: 5 });
      return {
        database,
        cleanup: async () => {
          await database.close();
          await pgdb.drop();
        },
      };
    },
  },
];
