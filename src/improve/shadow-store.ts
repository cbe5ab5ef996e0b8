import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { DecisionGist } from './compare-decisions.ts';
import { shadowDecisions } from './improve.tables.ts';

/** One live turn as the live and the shadow version decided it. */
export type ShadowDecision = {
  id: string;
  packId: string;
  conversationId: string;
  turn: number;
  text: string;
  liveVersion: number;
  shadowVersion: number;
  live: DecisionGist;
  shadow: DecisionGist;
  differs: boolean;
  createdAt: string;
};

/** What shadow versions decided on live traffic. */
export type ShadowStore = ReturnType<typeof createShadowStore>;

export function createShadowStore(db: Db) {
  return {
    async record(input: Omit<ShadowDecision, 'id' | 'createdAt'> & { now: Date }): Promise<void> {
      const { now, ...rest } = input;
      await db.insert(shadowDecisions).values({ ...rest, id: randomUUID(), createdAt: now });
    },

    /** A shadow version's turns, those that differ first; with the counts. */
    async list(packId: string, shadowVersion: number, limit = 100) {
      const where = and(eq(shadowDecisions.packId, packId), eq(shadowDecisions.shadowVersion, shadowVersion));
      const rows = await db
        .select()
        .from(shadowDecisions)
        .where(where)
        .orderBy(desc(shadowDecisions.differs), desc(shadowDecisions.createdAt))
        .limit(limit);
      const [counts] = await db
        .select({
          turns: sql<number>`count(*)`,
          differ: sql<number>`count(*) filter (where ${shadowDecisions.differs})`,
        })
        .from(shadowDecisions)
        .where(where);
      return {
        turns: Number(counts?.turns ?? 0),
        differ: Number(counts?.differ ?? 0),
        decisions: rows.map(
          (r): ShadowDecision => ({
            ...r,
            live: r.live as DecisionGist,
            shadow: r.shadow as DecisionGist,
            createdAt: r.createdAt.toISOString(),
          }),
        ),
      };
    },
  };
}
