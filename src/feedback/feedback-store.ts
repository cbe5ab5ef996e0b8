import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import type { Csat, CsatPath, HandoffLabel } from '../protocol/analytics.ts';
import type { PathFacts } from './decide-csat-path.ts';
import { csatRatings, handoffLabels } from './feedback.tables.ts';

type CsatRow = typeof csatRatings.$inferSelect;
type LabelRow = typeof handoffLabels.$inferSelect;

const toCsat = (r: CsatRow): Csat => ({
  conversationId: r.conversationId,
  rating: r.rating,
  comment: r.comment,
  path: r.path as CsatPath,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toLabel = (r: LabelRow): HandoffLabel => ({
  conversationId: r.conversationId,
  agentId: r.agentId,
  needed: r.needed,
  reasonCorrect: r.reasonCorrect,
  teamCorrect: r.teamCorrect,
  rightTeam: r.rightTeam,
  earlier: r.earlier,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** CSAT ratings and handoff labels, on PGlite or PostgreSQL. */
export type FeedbackStore = ReturnType<typeof createFeedbackStore>;

export function createFeedbackStore(db: Db) {
  return {
    /** Bot turns taken and whether an agent ever joined or replied. */
    async pathFacts(conversationId: string): Promise<PathFacts> {
      const [row] = await queryRows<{ turns: string | number; joined: boolean }>(
        db,
        sql`select
              (select count(*) from bot_turns where conversation_id = ${conversationId}) as turns,
              exists (select 1 from messages where conversation_id = ${conversationId}
                and ((author_kind = 'agent' and internal = 0) or metadata->>'event' = 'agent_joined')) as joined`,
      );
      return { botTurns: Number(row?.turns ?? 0), agentJoined: row?.joined === true };
    },

    async getCsat(conversationId: string): Promise<Csat | null> {
      const [row] = await db.select().from(csatRatings).where(eq(csatRatings.conversationId, conversationId));
      return row ? toCsat(row) : null;
    },

    /** Stores a first rating; null when one exists already (a concurrent first rating won). */
    async createCsat(input: Omit<Csat, 'createdAt' | 'updatedAt'> & { now: Date }): Promise<Csat | null> {
      const [row] = await db
        .insert(csatRatings)
        .values({ ...input, createdAt: input.now, updatedAt: input.now })
        .onConflictDoNothing()
        .returning();
      return row ? toCsat(row) : null;
    },

    async replaceCsat(
      conversationId: string,
      rating: number,
      comment: string | null,
      now: Date,
    ): Promise<Csat> {
      const [row] = await db
        .update(csatRatings)
        .set({ rating, comment, updatedAt: now })
        .where(eq(csatRatings.conversationId, conversationId))
        .returning();
      return toCsat(row!);
    },

    async getLabel(conversationId: string): Promise<HandoffLabel | null> {
      const [row] = await db
        .select()
        .from(handoffLabels)
        .where(eq(handoffLabels.conversationId, conversationId));
      return row ? toLabel(row) : null;
    },

    /** Stores the label of a conversation's handoff; a later label replaces it. */
    async upsertLabel(
      input: Omit<HandoffLabel, 'createdAt' | 'updatedAt' | 'teamCorrect' | 'rightTeam' | 'earlier'> &
        Partial<Pick<HandoffLabel, 'teamCorrect' | 'rightTeam' | 'earlier'>> & { now: Date },
    ): Promise<HandoffLabel> {
      const values = {
        conversationId: input.conversationId,
        agentId: input.agentId,
        needed: input.needed,
        reasonCorrect: input.reasonCorrect,
        teamCorrect: input.teamCorrect ?? null,
        rightTeam: input.rightTeam ?? null,
        earlier: input.earlier ?? null,
        note: input.note,
      };
      const [row] = await db
        .insert(handoffLabels)
        .values({ ...values, createdAt: input.now, updatedAt: input.now })
        .onConflictDoUpdate({
          target: handoffLabels.conversationId,
          set: { ...values, updatedAt: input.now },
        })
        .returning();
      return toLabel(row!);
    },
  };
}
