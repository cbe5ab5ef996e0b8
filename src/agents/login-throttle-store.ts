import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { loginThrottles } from './agent.tables.ts';
import type { LoginFailures } from './decide-login-attempt.ts';

/** Failed sign-ins per email in the database, so every instance throttles the same account the same way. */
export type LoginThrottleStore = ReturnType<typeof createLoginThrottleStore>;

export function createLoginThrottleStore(db: Db) {
  return {
    async read(email: string): Promise<LoginFailures> {
      const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.email, email));
      return row ? { failures: row.failures, lastFailureAt: row.lastFailureAt.getTime() } : null;
    },
    /**
     * Records an attempt as a failure (until a success clears it) if the row is still as `seen`; false when
     * another attempt changed it first, so each concurrent attempt uses up its own place in the count.
     */
    async claim(
      email: string,
      seen: LoginFailures,
      failures: number,
      at: Date,
      forgetBefore: Date,
    ): Promise<boolean> {
      if (!seen) {
        const inserted = await db
          .insert(loginThrottles)
          .values({ email, failures, lastFailureAt: at })
          .onConflictDoNothing()
          .returning({ email: loginThrottles.email });
        // A new row is the moment to drop rows nobody has failed on for a long time (unknown emails included).
        if (inserted.length > 0)
          await db.delete(loginThrottles).where(lt(loginThrottles.lastFailureAt, forgetBefore));
        return inserted.length > 0;
      }
      const updated = await db
        .update(loginThrottles)
        .set({ failures, lastFailureAt: at })
        .where(
          and(
            eq(loginThrottles.email, email),
            eq(loginThrottles.failures, seen.failures),
            eq(loginThrottles.lastFailureAt, new Date(seen.lastFailureAt)),
          ),
        )
        .returning({ email: loginThrottles.email });
      return updated.length > 0;
    },
    async clear(email: string): Promise<void> {
      await db.delete(loginThrottles).where(eq(loginThrottles.email, email));
    },
  };
}
