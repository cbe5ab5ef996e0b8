import { and, eq, sql } from 'drizzle-orm';
import { conversations } from '../conversations/conversation.tables.ts';
import { appendInTransaction } from '../conversations/message-writer.ts';
import { type Lifecycle, transition } from '../conversations/transition.ts';
import { type Db, queryRows } from '../platform/db/database.ts';
import type { ConversationState, Message, Priority } from '../protocol/conversation.ts';
import { type Claimant, type ClaimOverride, canClaim, describeOverride } from './can-claim.ts';
import { agentPresence, offers } from './routing.tables.ts';

/** Why a claim did not happen; the router moves on. */
export type ClaimRefusal = 'offer_gone' | 'not_queued' | 'over_capacity' | 'agent_unavailable';

/** Why a manual take was refused, as a coded error. */
export type TakeRefusal = {
  ok: false;
  code:
    | 'CONVERSATION_NOT_FOUND'
    | 'AGENT_NOT_FOUND'
    | 'ILLEGAL_TRANSITION'
    | 'NOT_IN_TEAM'
    | 'AGENT_AT_CAPACITY';
  reason: string;
};

/** A manual take that happened: the lifecycle before it, the offers it closed, and the override note if any. */
export type Taken = {
  ok: true;
  previous: Lifecycle;
  team: string | null;
  overrides: ClaimOverride[];
  closedOffers: { id: string; agentId: string; status: 'accepted' | 'cancelled' }[];
  note: Message | null;
};

type ConversationRow = {
  state: ConversationState;
  team: string | null;
  priority: Priority;
  assignee_id: string | null;
};

/** The claimant's account and how many conversations they hold, read inside the claim's transaction. */
async function loadClaimant(t: Db, agentId: string): Promise<(Claimant & { name: string }) | null> {
  const [row] = await queryRows<{
    name: string;
    role: Claimant['role'];
    teams: string[];
    skills: string[];
    capacity: number;
    assigned: number | string;
  }>(
    t,
    sql`select a.name, a.role, a.teams, a.skills, a.capacity,
          (select count(*) from conversations c where c.assignee_id = a.id and c.state = 'assigned') as assigned
        from agents a where a.id = ${agentId}`,
  );
  return row ? { ...row, assigned: Number(row.assigned) } : null;
}

async function teamSkills(t: Db, team: string | null): Promise<string[]> {
  if (!team) return [];
  const [row] = await queryRows<{ skills: string[] }>(t, sql`select skills from teams where id = ${team}`);
  return row?.skills ?? [];
}

const lifecycleOf = (c: ConversationRow): Lifecycle => ({
  state: c.state,
  team: c.team,
  priority: c.priority,
  assigneeId: c.assignee_id,
});

/**
 * The two ways a conversation reaches an agent, each one transaction that locks, always in this order, the
 * agent's presence row, the offers and the conversation row; so instances never assign one conversation twice
 * or an agent beyond their capacity, and a take and an accept of the same conversation cannot both win.
 */
export function createClaimStore(db: Db) {
  return {
    /** Assigns a queued conversation: the accept of an offer (`offerId`), or the router's direct assignment. */
    claim: async (
      conversationId: string,
      agentId: string,
      now: Date,
      offerId: string | null,
    ): Promise<{ ok: true } | { ok: false; reason: ClaimRefusal }> =>
      db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const [presence] = await queryRows<{ status: string }>(
          t,
          sql`select status from agent_presence where agent_id = ${agentId} for update`,
        );
        if (presence?.status !== 'online') return { ok: false, reason: 'agent_unavailable' };
        if (offerId) {
          const [offer] = await queryRows<{ status: string; agent_id: string; expires_at: Date | string }>(
            t,
            sql`select status, agent_id, expires_at from offers where id = ${offerId} for update`,
          );
          if (offer?.status !== 'pending' || offer.agent_id !== agentId || new Date(offer.expires_at) < now) {
            return { ok: false, reason: 'offer_gone' };
          }
        }
        const [conv] = await queryRows<ConversationRow>(
          t,
          sql`select state, team, priority, assignee_id from conversations where id = ${conversationId} for update`,
        );
        if (!conv) return { ok: false, reason: 'not_queued' };
        const next = transition(lifecycleOf(conv), { type: 'assign', agentId }, now);
        if (!next.ok) return { ok: false, reason: 'not_queued' };
        const claimant = await loadClaimant(t, agentId);
        if (!claimant) return { ok: false, reason: 'agent_unavailable' };
        const decision = canClaim(claimant, { team: conv.team, teamSkills: [] }, 'offer');
        if (decision.kind === 'refuse') return { ok: false, reason: 'over_capacity' };
        await t
          .update(conversations)
          .set({ state: next.next.state, assigneeId: next.next.assigneeId, assignedAt: now, updatedAt: now })
          .where(eq(conversations.id, conversationId));
        await t.update(agentPresence).set({ lastAssignedAt: now }).where(eq(agentPresence.agentId, agentId));
        if (offerId)
          await t.update(offers).set({ status: 'accepted', respondedAt: now }).where(eq(offers.id, offerId));
        // Other pending offers for this conversation (none by the unique index, but be explicit) are void.
        await t
          .update(offers)
          .set({ status: 'cancelled', respondedAt: now })
          .where(and(eq(offers.conversationId, conversationId), eq(offers.status, 'pending')));
        return { ok: true };
      }),

    /**
     * A console user takes a conversation from the bot or the queue by hand (`canClaim` decides: team and
     * capacity for agents, overrides for supervisors and admins). Pending offers of it close (the taker's own
     * as accepted), and an override is written to the conversation log in the same transaction.
     */
    take: async (conversationId: string, agentId: string, now: Date): Promise<Taken | TakeRefusal> =>
      db.transaction(async (tx): Promise<Taken | TakeRefusal> => {
        const t = tx as unknown as Db;
        // Someone who never connected has no presence row yet; the lock needs one.
        await t
          .insert(agentPresence)
          .values({ agentId, status: 'offline', statusSince: now, lastSeenAt: now })
          .onConflictDoNothing();
        await queryRows(t, sql`select 1 from agent_presence where agent_id = ${agentId} for update`);
        await queryRows(
          t,
          sql`select id from offers where conversation_id = ${conversationId} and status = 'pending' for update`,
        );
        const [conv] = await queryRows<ConversationRow>(
          t,
          sql`select state, team, priority, assignee_id from conversations where id = ${conversationId} for update`,
        );
        if (!conv)
          return { ok: false, code: 'CONVERSATION_NOT_FOUND', reason: `no conversation ${conversationId}` };
        const claimant = await loadClaimant(t, agentId);
        if (!claimant) return { ok: false, code: 'AGENT_NOT_FOUND', reason: `no agent ${agentId}` };
        const previous = lifecycleOf(conv);
        const next = transition(
          previous,
          { type: 'take_over', agentId, team: claimant.teams[0] ?? null },
          now,
        );
        if (!next.ok) return { ok: false, code: 'ILLEGAL_TRANSITION', reason: next.reason };
        const decision = canClaim(
          claimant,
          { team: conv.team, teamSkills: await teamSkills(t, conv.team) },
          'take',
        );
        if (decision.kind === 'refuse') return { ok: false, code: decision.code, reason: decision.reason };
        const patch = next.next;
        await t
          .update(conversations)
          .set({
            state: patch.state,
            assigneeId: patch.assigneeId,
            team: patch.team,
            assignedAt: now,
            updatedAt: now,
            ...(patch.queuedAt !== undefined && { queuedAt: patch.queuedAt }),
          })
          .where(eq(conversations.id, conversationId));
        await t.update(agentPresence).set({ lastAssignedAt: now }).where(eq(agentPresence.agentId, agentId));
        const closedOffers = await queryRows<{
          id: string;
          agentId: string;
          status: 'accepted' | 'cancelled';
        }>(
          t,
          sql`update offers set status = case when agent_id = ${agentId} then 'accepted' else 'cancelled' end,
                responded_at = ${now.toISOString()}::timestamptz
              where conversation_id = ${conversationId} and status = 'pending'
              returning id, agent_id as "agentId", status`,
        );
        const note =
          decision.overrides.length === 0
            ? null
            : await appendInTransaction(
                t,
                {
                  conversationId,
                  authorKind: 'system',
                  authorId: null,
                  text: describeOverride(claimant.name, decision.overrides, claimant, conv.team),
                  clientMessageId: null,
                  internal: true,
                  metadata: { event: 'claim_override', agentId, overrides: decision.overrides },
                },
                now,
              );
        return { ok: true, previous, team: patch.team, overrides: decision.overrides, closedOffers, note };
      }),
  };
}
