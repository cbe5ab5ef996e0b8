import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type {
  Conversation,
  ConversationState,
  Customer,
  Message,
  Priority,
} from '../protocol/conversation.ts';
import { createBotWorkStore } from './bot-work-store.ts';
import { botTurns, conversations, customers, messages } from './conversation.tables.ts';
import { createMessageWriter, type MessageWriter, toMessage } from './message-writer.ts';
import type { LifecyclePatch } from './transition.ts';

type ConversationRow = typeof conversations.$inferSelect;
type CustomerRow = typeof customers.$inferSelect;

export type NewCustomer = {
  externalId?: string;
  name?: string;
  email?: string;
  tier?: Customer['tier'];
  attributes?: Record<string, unknown>;
};

/** A stored bot turn with the policy decision taken on it. */
export type StoredTurn = {
  conversationId: string;
  turn: number;
  messageSeq: number;
  pack: string;
  botTurn: Record<string, unknown>;
  decision: Record<string, unknown>;
  decisionKind: string;
  createdAt: string;
};

/** Durable conversations, customers, messages and bot turns, on PGlite or PostgreSQL alike. */
export type ConversationStore = ReturnType<typeof createConversationStore>;

const priorityRank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2 };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toConversation(row: ConversationRow, queuePosition: number | null = null): Conversation {
  return {
    id: row.id,
    customerId: row.customerId,
    pack: row.pack,
    channel: row.channel,
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

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    tier: row.tier as Customer['tier'],
    attributes: row.attributes,
  };
}

/** Builds the store; `writer` options tune group commit. */
export function createConversationStore(
  db: Db,
  writerOptions: { maxBatch?: number; maxInFlight?: number; now?: () => Date } = {},
) {
  const writer: MessageWriter = createMessageWriter(db, writerOptions);

  const store = {
    writer,
    /** The bot's pending turns: leases, retries, turns stored once per message. */
    bot: createBotWorkStore(db),

    /** Creates (or finds, by external id) the customer and opens a conversation for them. */
    async createConversation(input: { pack: string; channel: string; customer: NewCustomer; now: Date }) {
      return db.transaction(async (tx) => {
        let customerRow: CustomerRow | undefined;
        if (input.customer.externalId) {
          [customerRow] = await tx
            .select()
            .from(customers)
            .where(eq(customers.externalId, input.customer.externalId));
          if (customerRow) {
            const patch = {
              ...(input.customer.name !== undefined && { name: input.customer.name }),
              ...(input.customer.email !== undefined && { email: input.customer.email }),
              ...(input.customer.tier !== undefined && { tier: input.customer.tier }),
              ...(input.customer.attributes !== undefined && { attributes: input.customer.attributes }),
            };
            if (Object.keys(patch).length > 0) {
              [customerRow] = await tx
                .update(customers)
                .set(patch)
                .where(eq(customers.id, customerRow.id))
                .returning();
            }
          }
        }
        if (!customerRow) {
          [customerRow] = await tx
            .insert(customers)
            .values({
              id: newId('cus'),
              externalId: input.customer.externalId ?? null,
              name: input.customer.name ?? null,
              email: input.customer.email ?? null,
              tier: input.customer.tier ?? 'standard',
              attributes: input.customer.attributes ?? {},
              createdAt: input.now,
            })
            .returning();
        }
        const [row] = await tx
          .insert(conversations)
          .values({
            id: newId('conv'),
            customerId: customerRow!.id,
            pack: input.pack,
            channel: input.channel,
            createdAt: input.now,
            updatedAt: input.now,
          })
          .returning();
        return { conversation: toConversation(row!), customer: toCustomer(customerRow!) };
      });
    },

    /** The conversation with its live queue position, or null. */
    async getConversation(id: string): Promise<Conversation | null> {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      if (!row) return null;
      return toConversation(row, row.state === 'queued' ? await queuePositionOf(db, row) : null);
    },

    async getCustomer(id: string): Promise<Customer | null> {
      const [row] = await db.select().from(customers).where(eq(customers.id, id));
      return row ? toCustomer(row) : null;
    },

    /** Open conversations (bot, queued, assigned), most recently active first. */
    async listOpen(limit = 200): Promise<Conversation[]> {
      const rows = await db
        .select()
        .from(conversations)
        .where(inArray(conversations.state, ['bot', 'queued', 'assigned']))
        .orderBy(desc(conversations.updatedAt))
        .limit(limit);
      return rows.map((r) => toConversation(r));
    },

    /** Messages with seq > after, in order. */
    async listMessages(conversationId: string, after = 0, limit = 500): Promise<Message[]> {
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, after)))
        .orderBy(asc(messages.seq))
        .limit(limit);
      return rows.map((r) =>
        toMessage({
          id: r.id,
          conversation_id: r.conversationId,
          seq: r.seq,
          author_kind: r.authorKind,
          author_id: r.authorId,
          text: r.text,
          client_message_id: r.clientMessageId,
          internal: r.internal,
          metadata: r.metadata,
          created_at: r.createdAt,
        }),
      );
    },

    /** The last message of each conversation given. */
    async lastMessages(conversationIds: string[]): Promise<Map<string, Message>> {
      if (conversationIds.length === 0) return new Map();
      const rows = await queryRows<Parameters<typeof toMessage>[0]>(
        db,
        sql`select m.* from messages m join conversations c on c.id = m.conversation_id and m.seq = c.last_seq
            where c.id in (${sql.join(
              conversationIds.map((id) => sql`${id}`),
              sql`, `,
            )})`,
      );
      return new Map(rows.map((r) => [r.conversation_id, toMessage(r)]));
    },

    /**
     * Applies a lifecycle change only if the conversation is still in `expectedState` (compare-and-set),
     * so two instances racing on the same conversation cannot both win. Returns null when it lost.
     */
    async applyLifecycle(
      id: string,
      expectedState: ConversationState,
      patch: LifecyclePatch,
      now: Date,
    ): Promise<Conversation | null> {
      const set: PgUpdateSetSource<typeof conversations> = {
        state: patch.state,
        team: patch.team,
        priority: patch.priority,
        assigneeId: patch.assigneeId,
        updatedAt: now,
      };
      if (patch.queuedAt !== undefined) set.queuedAt = patch.queuedAt;
      if (patch.assignedAt !== undefined) set.assignedAt = patch.assignedAt;
      if (patch.resolvedAt !== undefined) set.resolvedAt = patch.resolvedAt;
      if (patch.closedAt !== undefined) set.closedAt = patch.closedAt;
      // Whoever holds the conversation now (an agent) answers what the bot had not answered yet.
      if (patch.state !== 'bot' && patch.state !== 'queued') set.botDoneSeq = sql`${conversations.botDueSeq}`;
      const [row] = await db
        .update(conversations)
        .set(set)
        .where(and(eq(conversations.id, id), eq(conversations.state, expectedState)))
        .returning();
      if (!row) return null;
      return toConversation(row, row.state === 'queued' ? await queuePositionOf(db, row) : null);
    },

    async getBotMemory(id: string): Promise<Record<string, unknown>> {
      const [row] = await db
        .select({ m: conversations.botMemory })
        .from(conversations)
        .where(eq(conversations.id, id));
      return row?.m ?? {};
    },

    async setBotMemory(id: string, memory: Record<string, unknown>): Promise<void> {
      await db.update(conversations).set({ botMemory: memory }).where(eq(conversations.id, id));
    },

    /** Records a bot turn and its decision (idempotent on conversation + turn). */
    async saveTurn(turn: Omit<StoredTurn, 'createdAt'> & { createdAt: Date }): Promise<void> {
      await db
        .insert(botTurns)
        .values({ id: newId('turn'), ...turn })
        .onConflictDoNothing();
    },

    async listTurns(conversationId: string): Promise<StoredTurn[]> {
      const rows = await db
        .select()
        .from(botTurns)
        .where(eq(botTurns.conversationId, conversationId))
        .orderBy(asc(botTurns.turn));
      return rows.map(toStoredTurn);
    },

    /** Conversations of a pack with their stored turns, oldest first (for replay). */
    async listTurnsForPack(pack: string, since: Date | null): Promise<StoredTurn[]> {
      const where = since
        ? and(eq(botTurns.pack, pack), gt(botTurns.createdAt, since))
        : eq(botTurns.pack, pack);
      const rows = await db
        .select()
        .from(botTurns)
        .where(where)
        .orderBy(asc(botTurns.createdAt), asc(botTurns.turn));
      return rows.map(toStoredTurn);
    },
  };
  return store;
}

function toStoredTurn(r: typeof botTurns.$inferSelect): StoredTurn {
  return {
    conversationId: r.conversationId,
    turn: r.turn,
    messageSeq: r.messageSeq,
    pack: r.pack,
    botTurn: r.botTurn,
    decision: r.decision,
    decisionKind: r.decisionKind,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Seconds of waiting that count as one priority level (see orderQueue in src/routing/order-queue.ts). */
export const priorityAgingSeconds = 600;

/**
 * 1-based place in the team's queue, in the order of `orderQueue`: aging makes the order key
 * rank * aging + queued time, independent of the current time.
 */
async function queuePositionOf(db: Db, row: ConversationRow): Promise<number> {
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
