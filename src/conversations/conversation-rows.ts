import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import type { Conversation, ConversationState, Customer, Priority } from '../protocol/conversation.ts';
import type { conversations, customers } from './conversation.tables.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;

const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2 };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A conversations row as the API shows it. */
export function toConversation(row: ConversationRow, queuePosition: number | null = null): Conversation {
  return {
    id: row.id,
    customerId: row.customerId,
    pack: row.pack,
    channel: row.channel,
    caseId: row.caseId ?? row.id,
    state: row.state as ConversationState,
    priority: row.priority as Priority,
    team: row.team,
    assigneeId: row.assigneeId,
    lastSeq: row.lastSeq,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    queuedAt: iso(row.queuedAt),
    assignedAt: iso(row.assignedAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    queuePosition,
  };
}

/** A customers row as the API shows it. */
export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    tier: row.tier as Customer['tier'],
    attributes: row.attributes,
  };
}

/** Seconds of waiting that count as one priority level (see orderQueue in src/routing/order-queue.ts). */
export const priorityAgingSeconds = 600;

/**
 * 1-based place in the team's queue, in the order of `orderQueue`: aging makes the order key
 * rank * aging + queued time, independent of the current time.
 */
export async function queuePositionOf(db: Db, row: ConversationRow): Promise<number> {
  const key = sql`((case priority when 'urgent' then 0 when 'high' then 1 else 2 end) * ${priorityAgingSeconds} + extract(epoch from queued_at))`;
  const mine =
    (priorityRank[row.priority as Priority] ?? 2) * priorityAgingSeconds +
    (row.queuedAt?.getTime() ?? 0) / 1000;
  const [result] = await queryRows<{ ahead: number | string }>(
    db,
    sql`select count(*) as ahead from conversations
        where state = 'queued' and coalesce(team, '') = ${row.team ?? ''} and id <> ${row.id}
          and (${key} < ${mine} or (${key} = ${mine} and id < ${row.id}))`,
  );
  return Number(result?.ahead ?? 0) + 1;
}
