import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { Suggestion } from '../protocol/learning.ts';
import { suggestions } from './improve.tables.ts';

export type SuggestionStatus = 'waiting' | 'approved' | 'rejected';

/** A suggestion as the queue holds it: what the engine proposed and what a person decided. */
export type StoredSuggestion = {
  packId: string;
  suggestion: Suggestion;
  status: SuggestionStatus;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number | null;
  edited: boolean;
  createdAt: string;
};

type Row = typeof suggestions.$inferSelect;
const toStored = (r: Row): StoredSuggestion => ({
  packId: r.packId,
  suggestion: r.body as unknown as Suggestion,
  status: r.status as SuggestionStatus,
  reason: r.reason,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  version: r.version,
  edited: r.edited,
  createdAt: r.createdAt.toISOString(),
});

/** The suggestions queue, on PGlite or PostgreSQL. */
export type SuggestionStore = ReturnType<typeof createSuggestionStore>;

export function createSuggestionStore(db: Db) {
  const within = (tx: Db) => ({
    /** Locks a suggestion for a decision; null when unknown. */
    async lock(packId: string, id: string): Promise<StoredSuggestion | null> {
      const [row] = await tx
        .select()
        .from(suggestions)
        .where(and(eq(suggestions.packId, packId), eq(suggestions.id, id)))
        .for('update');
      return row ? toStored(row) : null;
    },
    async decide(
      packId: string,
      id: string,
      decision: {
        status: 'approved' | 'rejected';
        reason: string | null;
        by: string;
        at: Date;
        version: number | null;
        body?: Suggestion;
      },
    ): Promise<void> {
      await tx
        .update(suggestions)
        .set({
          status: decision.status,
          reason: decision.reason,
          decidedBy: decision.by,
          decidedAt: decision.at,
          version: decision.version,
          ...(decision.body && {
            body: decision.body as unknown as Record<string, unknown>,
            edited: true,
          }),
        })
        .where(and(eq(suggestions.packId, packId), eq(suggestions.id, id)));
    },
  });

  return {
    within,

    /**
     * Stores a run's suggestions: new ones wait, waiting ones get the fresh evidence and effect, decided ones stay
     * as decided (a rejected id is never shown again); waiting ones the run no longer makes are dropped.
     */
    async saveRun(packId: string, made: readonly Suggestion[], now: Date): Promise<{ added: number }> {
      return db.transaction(async (tx) => {
        const existing = await tx.select().from(suggestions).where(eq(suggestions.packId, packId));
        const known = new Map(existing.map((r) => [r.id, r]));
        let added = 0;
        for (const s of made) {
          const row = known.get(s.id);
          if (!row) {
            added++;
            await tx.insert(suggestions).values({
              packId,
              id: s.id,
              kind: s.kind,
              title: s.title,
              body: s as unknown as Record<string, unknown>,
              status: 'waiting',
              createdAt: now,
            });
          } else if (row.status === 'waiting' && !row.edited) {
            await tx
              .update(suggestions)
              .set({ title: s.title, body: s as unknown as Record<string, unknown> })
              .where(and(eq(suggestions.packId, packId), eq(suggestions.id, s.id)));
          }
        }
        const still = new Set(made.map((s) => s.id));
        for (const row of existing)
          if (row.status === 'waiting' && !row.edited && !still.has(row.id))
            await tx
              .delete(suggestions)
              .where(and(eq(suggestions.packId, packId), eq(suggestions.id, row.id)));
        return { added };
      });
    },

    /** Ids a person rejected, so the engine does not propose them again. */
    async rejectedIds(packId: string): Promise<string[]> {
      const rows = await db
        .select({ id: suggestions.id })
        .from(suggestions)
        .where(and(eq(suggestions.packId, packId), eq(suggestions.status, 'rejected')));
      return rows.map((r) => r.id);
    },

    async get(packId: string, id: string): Promise<StoredSuggestion | null> {
      const [row] = await db
        .select()
        .from(suggestions)
        .where(and(eq(suggestions.packId, packId), eq(suggestions.id, id)));
      return row ? toStored(row) : null;
    },

    /** A pack's suggestions with a status (all when omitted), newest first. */
    async list(packId: string, status?: SuggestionStatus): Promise<StoredSuggestion[]> {
      const rows = await db
        .select()
        .from(suggestions)
        .where(
          status
            ? and(eq(suggestions.packId, packId), eq(suggestions.status, status))
            : eq(suggestions.packId, packId),
        )
        .orderBy(desc(suggestions.createdAt), suggestions.id);
      return rows.map(toStored);
    },

    /** Suggestions made, approved and rejected per ISO week (Monday), and how many wait now. */
    async weekly(packId: string) {
      const rows = await db
        .select({
          week: sql<string>`to_char(date_trunc('week', coalesce(${suggestions.decidedAt}, ${suggestions.createdAt})), 'YYYY-MM-DD')`,
          status: suggestions.status,
          count: sql<number>`count(*)`,
        })
        .from(suggestions)
        .where(eq(suggestions.packId, packId))
        .groupBy(sql`1`, suggestions.status)
        .orderBy(sql`1`);
      return rows.map((r) => ({
        week: r.week,
        status: r.status as SuggestionStatus,
        count: Number(r.count),
      }));
    },
  };
}
