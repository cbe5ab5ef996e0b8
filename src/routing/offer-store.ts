import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { OfferOutcome, Refusal } from './offer-refusals.ts';
import { offers } from './routing.tables.ts';

export type Offer = typeof offers.$inferSelect;

/** Offers of queued conversations to agents: create, answer, expire, and who refused what. */
export function createOfferStore(db: Db) {
  return {
    /**
     * Who declined or let an offer expire, per queued conversation, since it was last queued (refusals of an
     * earlier wait do not count). The bound on `expires_at` lets the (status, expires_at) index serve it.
     */
    async refusedBy(queue: { id: string; queuedAt: number }[]): Promise<Map<string, Refusal[]>> {
      const refused = new Map<string, Refusal[]>();
      if (queue.length === 0) return refused;
      const since = new Date(Math.min(...queue.map((q) => q.queuedAt))).toISOString();
      const rows = await queryRows<{
        conversation_id: string;
        agent_id: string;
        status: Refusal['kind'];
        responded_at: Date | string;
      }>(
        db,
        sql`select o.conversation_id, o.agent_id, o.status, o.responded_at from offers o
            join conversations c on c.id = o.conversation_id
            where o.status in ('declined', 'expired') and o.expires_at >= ${since}::timestamptz
              and o.conversation_id in (${sql.join(
                queue.map((q) => sql`${q.id}`),
                sql`, `,
              )})
              and o.responded_at >= c.queued_at`,
      );
      for (const r of rows) {
        const list = refused.get(r.conversation_id) ?? [];
        list.push({ agentId: r.agent_id, kind: r.status, at: new Date(r.responded_at).getTime() });
        refused.set(r.conversation_id, list);
      }
      return refused;
    },

    /** Whether an offer of the conversation is pending, and who refused it since `since` (and since it queued). */
    async offerActivity(
      conversationId: string,
      since: Date,
    ): Promise<{ offered: boolean; refusals: Refusal[] }> {
      const rows = await queryRows<{
        agent_id: string;
        status: string;
        responded_at: Date | string | null;
      }>(
        db,
        sql`select agent_id, status, responded_at from offers
              where conversation_id = ${conversationId} and status = 'pending'
            union all
            select o.agent_id, o.status, o.responded_at from offers o
              join conversations c on c.id = o.conversation_id
              where o.conversation_id = ${conversationId} and o.status in ('declined', 'expired')
                and o.expires_at >= ${since.toISOString()}::timestamptz
                and o.responded_at >= ${since.toISOString()}::timestamptz and o.responded_at >= c.queued_at`,
      );
      return {
        offered: rows.some((r) => r.status === 'pending'),
        refusals: rows.flatMap((r) =>
          r.status === 'pending' || !r.responded_at
            ? []
            : [
                {
                  agentId: r.agent_id,
                  kind: r.status as Refusal['kind'],
                  at: new Date(r.responded_at).getTime(),
                },
              ],
        ),
      };
    },

    /** How the agent answered their offers since `since`, newest first (withdrawn offers left out). */
    async recentOutcomes(agentId: string, since: Date, limit = 20): Promise<OfferOutcome[]> {
      const rows = await queryRows<{ status: OfferOutcome }>(
        db,
        sql`select status from offers
            where agent_id = ${agentId} and status in ('accepted', 'declined', 'expired')
              and responded_at >= ${since.toISOString()}::timestamptz
            order by responded_at desc, id desc limit ${limit}`,
      );
      return rows.map((r) => r.status);
    },

    /**
     * Refusals of the conversations waiting now, for the console's markers: of the given teams, or of every
     * team (null).
     */
    async queueRefusals(teams: string[] | null) {
      if (teams?.length === 0) return [];
      const rows = await queryRows<{
        conversation_id: string;
        team: string;
        agent_id: string;
        name: string | null;
        status: Refusal['kind'];
        responded_at: Date | string;
      }>(
        db,
        sql`select o.conversation_id, c.team, o.agent_id, a.name, o.status, o.responded_at from offers o
            join conversations c on c.id = o.conversation_id
            left join agents a on a.id = o.agent_id
            where c.state = 'queued' and o.status in ('declined', 'expired')
              and o.responded_at >= c.queued_at
              ${
                teams === null
                  ? sql``
                  : sql`and c.team in (${sql.join(
                      teams.map((t) => sql`${t}`),
                      sql`, `,
                    )})`
              }
            order by o.responded_at`,
      );
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        team: r.team,
        agentId: r.agent_id,
        agentName: r.name ?? r.agent_id,
        kind: r.status,
        at: new Date(r.responded_at),
      }));
    },

    /**
     * Creates the conversation's one pending offer; null when another instance offered it first or (with
     * `whileQueued`) the conversation no longer waits. It locks the conversation row, so a cancel, take or
     * hand-back either comes first (no offer) or after (and withdraws it).
     */
    async createOffer(
      conversationId: string,
      agentId: string,
      now: Date,
      expiresAt: Date,
      whileQueued = false,
    ): Promise<Offer | null> {
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const [conv] = await queryRows<{ state: string }>(
          t,
          sql`select state from conversations where id = ${conversationId} for update`,
        );
        if (!conv || (whileQueued && conv.state !== 'queued')) return null;
        const [row] = await t
          .insert(offers)
          .values({ id: newId('ofr'), conversationId, agentId, status: 'pending', createdAt: now, expiresAt })
          .onConflictDoNothing()
          .returning();
        return row ?? null;
      });
    },
    async getOffer(id: string): Promise<Offer | null> {
      const [row] = await db.select().from(offers).where(eq(offers.id, id));
      return row ?? null;
    },
    async pendingOffersOf(agentId: string): Promise<Offer[]> {
      return db
        .select()
        .from(offers)
        .where(and(eq(offers.agentId, agentId), eq(offers.status, 'pending')));
    },
    /** Cancels every pending offer of a conversation and returns them. */
    async cancelOffersFor(conversationId: string, now: Date): Promise<Offer[]> {
      return db
        .update(offers)
        .set({ status: 'cancelled', respondedAt: now })
        .where(and(eq(offers.conversationId, conversationId), eq(offers.status, 'pending')))
        .returning();
    },
    /** Closes a pending offer (declined or cancelled); false when it was no longer pending. */
    async closeOffer(id: string, status: 'declined' | 'cancelled', now: Date): Promise<Offer | null> {
      const [row] = await db
        .update(offers)
        .set({ status, respondedAt: now })
        .where(and(eq(offers.id, id), eq(offers.status, 'pending')))
        .returning();
      return row ?? null;
    },
    /** Expires due offers; each is claimed by one instance only. */
    async expireDue(now: Date): Promise<Offer[]> {
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const due = await queryRows<{ id: string }>(
          t,
          sql`select id from offers where status = 'pending' and expires_at <= ${now.toISOString()}::timestamptz
              order by expires_at limit 100 for update skip locked`,
        );
        if (due.length === 0) return [];
        return t
          .update(offers)
          .set({ status: 'expired', respondedAt: now })
          .where(
            inArray(
              offers.id,
              due.map((d) => d.id),
            ),
          )
          .returning();
      });
    },
  };
}
