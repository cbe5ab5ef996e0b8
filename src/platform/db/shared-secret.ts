import { eq } from 'drizzle-orm';
import { randomSecret } from '../ids.ts';
import type { Db } from './database.ts';
import { settings } from './settings.tables.ts';

/** The token-signing secret: generated once and kept in the database, so every instance agrees on it. */
export async function sharedSecret(db: Db): Promise<string> {
  await db
    .insert(settings)
    .values({ key: 'token_secret', value: randomSecret(32) })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, 'token_secret'));
  return row!.value;
}
