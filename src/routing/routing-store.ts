import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { agents } from '../agents/agent.tables.ts';
import { conversations } from '../conversations/conversation.tables.ts';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { ConversationState, Priority } from '../protocol/conversation.ts';
import type { AgentCandidate } from './choose-agent.ts';
import { createClaimStore } from './claim-store.ts';
import { createOfferStore } from './offer-store.ts';
import { agentPresence, teams, tickets } from './routing.tables.ts';

export type { Offer } from './offer-store.ts';
export type Team = typeof teams.$inferSelect;
export type PresenceStatus = 'online' | 'away' | 'offline';

/** A queued conversation as the router sees it. */
export type QueuedConversation = {
  id: string;
  team: string;
  priority: Priority;
  queuedAt: number;
  requiredSkills: string[];
  handoffMode: string | null;
};

/** Teams, presence, offers and claims; claims lock rows so several instances never double-assign. */
export type RoutingStore = ReturnType<typeof createRoutingStore>;

export function createRoutingStore(db: Db) {
  return {
    ...createClaimStore(db),
    ...createOfferStore(db),
    /** The same store over a transaction another part owns, so its writes commit with that change. */
    within: (tx: Db) => createRoutingStore(tx),

    /** Adds teams that are not known yet (the packs seed them; admins edit them later). */
    async seedTeams(
      list: { id: string; name: string; skills: string[]; businessHours: Record<string, unknown> | null }[],
    ) {
      if (list.length === 0) return;
      await db.insert(teams).values(list).onConflictDoNothing();
    },
    async listTeams(): Promise<Team[]> {
      return db.select().from(teams).orderBy(teams.id);
    },
    async getTeam(id: string): Promise<Team | null> {
      const [row] = await db.select().from(teams).where(eq(teams.id, id));
      return row ?? null;
    },
    async updateTeam(id: string, patch: Partial<Omit<Team, 'id'>>): Promise<Team | null> {
      const [row] = await db.update(teams).set(patch).where(eq(teams.id, id)).returning();
      return row ?? null;
    },

    async setPresence(agentId: string, status: PresenceStatus, now: Date): Promise<PresenceStatus | null> {
      const [before] = await db
        .select({ status: agentPresence.status })
        .from(agentPresence)
        .where(eq(agentPresence.agentId, agentId));
      await db
        .insert(agentPresence)
        .values({ agentId, status, statusSince: now, lastSeenAt: now })
        .onConflictDoUpdate({
          target: agentPresence.agentId,
          set: {
            status,
            lastSeenAt: now,
            statusSince: sql`case when ${agentPresence.status} = ${status} then ${agentPresence.statusSince} else ${now.toISOString()}::timestamptz end`,
          },
        });
      return (before?.status as PresenceStatus | undefined) ?? null;
    },
    async heartbeat(agentIds: string[], now: Date): Promise<void> {
      if (agentIds.length === 0) return;
      await db.update(agentPresence).set({ lastSeenAt: now }).where(inArray(agentPresence.agentId, agentIds));
    },
    /** Agents marked online or away whose heartbeat stopped before `before`. */
    async staleAgents(before: Date): Promise<string[]> {
      const rows = await db
        .select({ id: agentPresence.agentId })
        .from(agentPresence)
        .where(and(inArray(agentPresence.status, ['online', 'away']), lt(agentPresence.lastSeenAt, before)));
      return rows.map((r) => r.id);
    },
    /** The agent's presence and since when it holds. */
    async presenceSince(agentId: string): Promise<{ status: PresenceStatus; since: Date }> {
      const [row] = await db
        .select({ status: agentPresence.status, since: agentPresence.statusSince })
        .from(agentPresence)
        .where(eq(agentPresence.agentId, agentId));
      return row
        ? { status: row.status as PresenceStatus, since: row.since }
        : { status: 'offline', since: new Date(0) };
    },
    async presenceOf(agentId: string): Promise<PresenceStatus> {
      const [row] = await db
        .select({ status: agentPresence.status })
        .from(agentPresence)
        .where(eq(agentPresence.agentId, agentId));
      return (row?.status as PresenceStatus | undefined) ?? 'offline';
    },

    /** Every active agent with their presence and current load (assigned + pending offers). */
    async candidates(): Promise<AgentCandidate[]> {
      const rows = await queryRows<{
        id: string;
        teams: string[];
        skills: string[];
        capacity: number;
        status: string | null;
        last_assigned_at: Date | string | null;
        assigned: number | string;
        pending: number | string;
      }>(
        db,
        sql`select a.id, a.teams, a.skills, a.capacity, p.status, p.last_assigned_at,
              (select count(*) from conversations c where c.assignee_id = a.id and c.state = 'assigned') as assigned,
              (select count(*) from offers o where o.agent_id = a.id and o.status = 'pending') as pending
            from agents a left join agent_presence p on p.agent_id = a.id
            where a.active = true and p.status = 'online'`,
      );
      return rows.map((r) => ({
        id: r.id,
        status: (r.status ?? 'offline') as PresenceStatus,
        teams: r.teams,
        skills: r.skills,
        capacity: r.capacity,
        load: Number(r.assigned) + Number(r.pending),
        lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at).getTime() : null,
      }));
    },

    /** Every queued conversation of a team, offered or not (to republish their places and waits). */
    async queuedIds(team: string): Promise<string[]> {
      const rows = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.state, 'queued'), eq(conversations.team, team)));
      return rows.map((r) => r.id);
    },

    /** Queued conversations without a pending offer, of one team or all. */
    async queued(team: string | null): Promise<QueuedConversation[]> {
      const rows = await queryRows<{
        id: string;
        team: string;
        priority: Priority;
        queued_at: Date | string;
        required_skills: string[];
        handoff_mode: string | null;
      }>(
        db,
        sql`select c.id, c.team, c.priority, c.queued_at, c.required_skills, c.handoff_mode from conversations c
            where c.state = 'queued' ${team === null ? sql`` : sql`and c.team = ${team}`}
              and not exists (select 1 from offers o where o.conversation_id = c.id and o.status = 'pending')`,
      );
      return rows.map((r) => ({
        id: r.id,
        team: r.team,
        priority: r.priority,
        queuedAt: new Date(r.queued_at).getTime(),
        requiredSkills: r.required_skills ?? [],
        handoffMode: r.handoff_mode,
      }));
    },

    /** Conversations assigned to an agent. */
    async assignedTo(agentId: string): Promise<string[]> {
      const rows = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.assigneeId, agentId), eq(conversations.state, 'assigned')));
      return rows.map((r) => r.id);
    },

    async setHandoffDetails(
      id: string,
      details: { mode: string; requiredSkills: string[]; slaDueAt: Date | null },
    ) {
      await db
        .update(conversations)
        .set({
          handoffMode: details.mode,
          requiredSkills: details.requiredSkills,
          slaDueAt: details.slaDueAt,
          slaBreachedAt: null,
        })
        .where(eq(conversations.id, id));
    },
    async markFirstAgentReply(id: string, now: Date): Promise<void> {
      await db
        .update(conversations)
        .set({ firstAgentReplyAt: now })
        .where(and(eq(conversations.id, id), sql`${conversations.firstAgentReplyAt} is null`));
    },
    /** Marks SLA breaches once (SKIP LOCKED across instances) and returns them. */
    async takeSlaBreaches(
      now: Date,
    ): Promise<{ id: string; priority: Priority; team: string | null; state: ConversationState }[]> {
      return db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        const rows = await queryRows<{
          id: string;
          priority: Priority;
          team: string | null;
          state: ConversationState;
        }>(
          t,
          sql`select id, priority, team, state from conversations
              where state in ('queued', 'assigned') and first_agent_reply_at is null and sla_breached_at is null
                and sla_due_at is not null and sla_due_at <= ${now.toISOString()}::timestamptz
              limit 100 for update skip locked`,
        );
        if (rows.length > 0) {
          await t
            .update(conversations)
            .set({ slaBreachedAt: now })
            .where(
              inArray(
                conversations.id,
                rows.map((r) => r.id),
              ),
            );
        }
        return rows;
      });
    },
    async bumpPriority(id: string, priority: Priority): Promise<void> {
      await db.update(conversations).set({ priority }).where(eq(conversations.id, id));
    },

    /** Handle times (s) of the team's recently resolved conversations, newest first. */
    async recentHandleSeconds(team: string, limit = 50): Promise<number[]> {
      const rows = await queryRows<{ s: number | string }>(
        db,
        sql`select extract(epoch from resolved_at - assigned_at) as s from conversations
            where team = ${team} and resolved_at is not null and assigned_at is not null and resolved_at > assigned_at
            order by resolved_at desc limit ${limit}`,
      );
      return rows.map((r) => Number(r.s));
    },

    async createTicket(input: {
      conversationId: string;
      team: string | null;
      kind: 'message' | 'callback';
      contact: string | null;
      callbackAt: Date | null;
      note: string | null;
      now: Date;
    }) {
      const [row] = await db
        .insert(tickets)
        .values({
          id: newId('tkt'),
          conversationId: input.conversationId,
          team: input.team,
          kind: input.kind,
          contact: input.contact,
          callbackAt: input.callbackAt,
          note: input.note,
          createdAt: input.now,
        })
        .returning();
      return row!;
    },
    async listTickets(status: 'open' | 'closed' = 'open') {
      return db.select().from(tickets).where(eq(tickets.status, status)).orderBy(tickets.createdAt);
    },
    async closeTicket(id: string) {
      const [row] = await db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, id)).returning();
      return row ?? null;
    },

    /** Per team: queued conversations, the oldest queue time, and how many are past or near their SLA. */
    async queueState(now: Date, atRiskSeconds: number) {
      const rows = await queryRows<{
        team: string;
        depth: number | string;
        oldest: Date | string | null;
        breached: number | string;
        at_risk: number | string;
      }>(
        db,
        sql`select team,
              count(*) filter (where state = 'queued') as depth,
              min(queued_at) filter (where state = 'queued') as oldest,
              count(*) filter (where sla_breached_at is not null and first_agent_reply_at is null) as breached,
              count(*) filter (where sla_breached_at is null and first_agent_reply_at is null and sla_due_at is not null
                and sla_due_at <= ${new Date(now.getTime() + atRiskSeconds * 1000).toISOString()}::timestamptz) as at_risk
            from conversations where state in ('queued', 'assigned') and team is not null group by team`,
      );
      return rows.map((r) => ({
        team: r.team,
        depth: Number(r.depth),
        oldestQueuedAt: r.oldest ? new Date(r.oldest) : null,
        slaBreached: Number(r.breached),
        slaAtRisk: Number(r.at_risk),
      }));
    },

    /** The agent list by id, for names in customer messages. */
    async agentNames(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: agents.id, name: agents.name })
        .from(agents)
        .where(inArray(agents.id, ids));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
