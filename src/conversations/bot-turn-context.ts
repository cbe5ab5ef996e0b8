import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import type { Conversation, Customer, Message } from '../protocol/conversation.ts';
import type { Decision } from '../protocol/decision.ts';
import type { RecordedTurn, TurnOutcome } from './bot-work-store.ts';
import { type ConversationRow, type CustomerRow, toConversation, toCustomer } from './conversation-rows.ts';
import type { StoredTurn } from './conversation-store.ts';
import { toMessage } from './message-writer.ts';

/**
 * Everything one bot turn reads, read at once: the next pending customer message, the conversation, its customer,
 * the bot's memory, the turns the policy judges (those since the last hand-back, and always the last one) and the
 * turn already stored for the message, if an earlier attempt stored it.
 */
export type BotTurnContext = {
  message: Message | null;
  conversation: Conversation | null;
  customer: Customer | null;
  memory: Record<string, unknown>;
  turns: StoredTurn[];
  stored: RecordedTurn | null;
};

type Json = Record<string, unknown>;

/** One statement for what used to be six reads (message, conversation, stored turn, turns, customer, memory). */
export async function loadBotTurnContext(
  db: Db,
  conversationId: string,
  afterSeq: number,
  upToSeq: number,
): Promise<BotTurnContext> {
  const [row] = await queryRows<{
    message: Json | null;
    conversation: Json | null;
    customer: Json | null;
    turns: Json[];
  }>(
    db,
    sql`with m as (
      select * from messages
      where conversation_id = ${conversationId} and seq > ${afterSeq} and seq <= ${upToSeq} and author_kind = 'customer'
      order by seq limit 1
    ),
    c as (select * from conversations where id = ${conversationId}),
    last_turn as (select max(turn) as turn from bot_turns where conversation_id = ${conversationId})
    select
      (select to_jsonb(m) from m) as message,
      (select to_jsonb(c) from c) as conversation,
      (select to_jsonb(k) from customers k join c on k.id = c.customer_id) as customer,
      (select coalesce(jsonb_agg(to_jsonb(t) order by t.turn), '[]'::jsonb) from bot_turns t, c
        where t.conversation_id = c.id and (
          t.message_seq > coalesce((c.bot_memory -> 'handBack' ->> 'seq')::int, 0)
          or t.turn = (select turn from last_turn)
          or t.message_seq = (select seq from m)
        )) as turns`,
  );
  const message = row?.message ? toMessage(row.message as Parameters<typeof toMessage>[0]) : null;
  const turnRows = typeof row?.turns === 'string' ? (JSON.parse(row.turns) as Json[]) : (row?.turns ?? []);
  const turns = turnRows.map(toStoredTurnJson);
  const storedRow = message ? turnRows.find((t) => Number(t.message_seq) === message.seq) : undefined;
  return {
    message,
    conversation: row?.conversation ? toConversation(conversationRow(row.conversation)) : null,
    customer: row?.customer ? toCustomer(customerRow(row.customer)) : null,
    memory: (row?.conversation?.bot_memory as Json | undefined) ?? {},
    turns,
    stored: storedRow
      ? {
          turn: toStoredTurnJson(storedRow),
          // Turns stored before outcomes were kept were delivered when they were stored.
          outcome: (storedRow.outcome as TurnOutcome | null) ?? {
            replies: [],
            handoff: null,
            whileWaiting: false,
          },
        }
      : null,
  };
}

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function conversationRow(j: Json): ConversationRow {
  return {
    id: j.id as string,
    customerId: j.customer_id as string,
    pack: j.pack as string,
    channel: j.channel as string,
    state: j.state as string,
    priority: j.priority as string,
    team: (j.team as string | null) ?? null,
    assigneeId: (j.assignee_id as string | null) ?? null,
    lastSeq: Number(j.last_seq),
    botMemory: (j.bot_memory as Json) ?? {},
    createdAt: date(j.created_at)!,
    updatedAt: date(j.updated_at)!,
    queuedAt: date(j.queued_at),
    assignedAt: date(j.assigned_at),
    resolvedAt: date(j.resolved_at),
    closedAt: date(j.closed_at),
    handoffMode: (j.handoff_mode as string | null) ?? null,
    requiredSkills: (j.required_skills as string[]) ?? [],
    firstAgentReplyAt: date(j.first_agent_reply_at),
    slaDueAt: date(j.sla_due_at),
    slaBreachedAt: date(j.sla_breached_at),
    botDueSeq: Number(j.bot_due_seq),
    botDoneSeq: Number(j.bot_done_seq),
    botLeaseOwner: (j.bot_lease_owner as string | null) ?? null,
    botLeaseUntil: date(j.bot_lease_until),
    botAttempts: Number(j.bot_attempts),
    caseId: (j.case_id as string | null) ?? null,
  };
}

function customerRow(j: Json): CustomerRow {
  return {
    id: j.id as string,
    externalId: (j.external_id as string | null) ?? null,
    name: (j.name as string | null) ?? null,
    email: (j.email as string | null) ?? null,
    emailVerified: j.email_verified === true,
    mergedIntoId: (j.merged_into_id as string | null) ?? null,
    tier: j.tier as string,
    attributes: (j.attributes as Json) ?? {},
    createdAt: date(j.created_at)!,
  };
}

function toStoredTurnJson(j: Json): StoredTurn {
  return {
    conversationId: j.conversation_id as string,
    turn: Number(j.turn),
    messageSeq: Number(j.message_seq),
    pack: j.pack as string,
    botTurn: j.bot_turn as StoredTurn['botTurn'],
    decision: j.decision as Decision,
    decisionKind: j.decision_kind as Decision['kind'],
    createdAt: new Date(j.created_at as string).toISOString(),
  };
}
