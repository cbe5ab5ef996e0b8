import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import type { ConversationState } from '../protocol/conversation.ts';
import type { TimelineEntry } from '../protocol/timeline.ts';

/**
 * Where one kind of timeline entry comes from: the part that owns the kind reads its own rows for a customer. A new
 * kind (documents) adds its entry schema to `protocol/timeline.ts` and a source to the list the composition root
 * passes to `createTimeline`.
 */
export type TimelineSource = (db: Db, customerId: string) => Promise<TimelineEntry[]>;

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Every conversation of the customer, with who helped (the assignee, else the last agent who wrote in it, so a
 * conversation handed back to the bot still names its adviser) and the topic of its last handoff.
 */
export const conversationSource: TimelineSource = async (db, customerId) => {
  const rows = await queryRows<{
    id: string;
    case_id: string | null;
    channel: string;
    state: string;
    team: string | null;
    created_at: Date | string;
    updated_at: Date | string;
    agent_name: string | null;
    topic: string | null;
    team_name: string | null;
  }>(
    db,
    sql`select c.id, c.case_id, c.channel, c.state, c.team, c.created_at, c.updated_at,
               coalesce(a.name, (select ag.name from messages m join agents ag on ag.id = m.author_id
                                 where m.conversation_id = c.id and m.author_kind = 'agent'
                                 order by m.seq desc limit 1)) as agent_name,
               p.package->'summary'->'topic'->>'label' as topic, p.package->'decision'->>'teamName' as team_name
        from conversations c
        left join agents a on a.id = c.assignee_id
        left join lateral (select package from context_packages cp where cp.conversation_id = c.id
                           order by cp.seq desc limit 1) p on true
        where c.customer_id = ${customerId}
        order by c.created_at, c.id`,
  );
  return rows.map((r) => ({
    kind: 'conversation',
    at: iso(r.created_at),
    conversationId: r.id,
    caseId: r.case_id ?? r.id,
    channel: r.channel,
    state: r.state as ConversationState,
    team: r.team,
    teamName: r.team_name ?? null,
    agentName: r.agent_name,
    topic: r.topic ?? null,
    lastActivityAt: iso(r.updated_at),
  }));
};

/** The messages and callback requests the customer left. */
export const ticketSource: TimelineSource = async (db, customerId) => {
  const rows = await queryRows<{
    id: string;
    conversation_id: string;
    case_id: string | null;
    kind: string;
    team: string | null;
    status: string;
    created_at: Date | string;
  }>(
    db,
    sql`select t.id, t.conversation_id, c.case_id, t.kind, t.team, t.status, t.created_at
        from tickets t join conversations c on c.id = t.conversation_id
        where c.customer_id = ${customerId}`,
  );
  return rows.map((r) => ({
    kind: 'ticket',
    at: iso(r.created_at),
    conversationId: r.conversation_id,
    caseId: r.case_id ?? r.conversation_id,
    ticketId: r.id,
    ticketKind: r.kind,
    team: r.team,
    status: r.status,
  }));
};

/** A customer's timeline from the given sources, oldest first (ties by kind and conversation, stable). */
export function createTimeline(sources: readonly TimelineSource[]) {
  return {
    async list(db: Db, customerId: string): Promise<TimelineEntry[]> {
      const all = (await Promise.all(sources.map((source) => source(db, customerId)))).flat();
      return all.sort(
        (a, b) =>
          a.at.localeCompare(b.at) ||
          a.kind.localeCompare(b.kind) ||
          a.conversationId.localeCompare(b.conversationId),
      );
    },
  };
}

export type Timeline = ReturnType<typeof createTimeline>;
