import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Conversation, ConversationState, Customer, Message } from '../protocol/conversation.ts';
import type { Decision } from '../protocol/decision.ts';
import { createBotWorkStore } from './bot-work-store.ts';
import { botTurns, conversations, customers, messages } from './conversation.tables.ts';
import { type CustomerRow, queuePositionOf, toConversation, toCustomer } from './conversation-rows.ts';
import type { InboxCursor } from './inbox-cursor.ts';
import {
  type Appended,
  appendWithin,
  createMessageWriter,
  type MessageWriter,
  type NewMessage,
  toMessage,
} from './message-writer.ts';
import type { LifecyclePatch } from './transition.ts';

export type NewCustomer = {
  externalId?: string;
  name?: string;
  email?: string;
  tier?: Customer['tier'];
  attributes?: Record<string, unknown>;
  /** Unverified details (a page's name and email) used only when the customer is created, never to update one. */
  ifNew?: { name?: string; email?: string };
};

/** A stored bot turn with the policy decision taken on it. */
export type StoredTurn = {
  conversationId: string;
  turn: number;
  messageSeq: number;
  pack: string;
  botTurn: BotTurn;
  decision: Decision;
  decisionKind: Decision['kind'];
  createdAt: string;
};

/** Durable conversations, customers, messages and bot turns, on PGlite or PostgreSQL alike. */
export type ConversationStore = ReturnType<typeof createConversationStore>;

/** The writes one transaction of `change` may make; they commit together or not at all. */
export type ConversationTx = Pick<
  ReturnType<typeof conversationQueries>,
  'createConversation' | 'applyLifecycle' | 'getBotMemory' | 'setBotMemory' | 'setCase'
> & {
  /** The transaction itself, for other parts' stores (tickets, offers) to write in it. */
  db: Db;
  /** Appends messages in this transaction (no group commit); throws on an unknown or closed conversation. */
  append: (inputs: NewMessage[]) => Promise<Appended[]>;
};

/** Builds the store; `writer` options tune group commit. */
export function createConversationStore(
  db: Db,
  writerOptions: { maxBatch?: number; maxInFlight?: number; now?: () => Date } = {},
) {
  const writer: MessageWriter = createMessageWriter(db, writerOptions);
  const clock = writerOptions.now ?? (() => new Date());
  return {
    writer,
    ...conversationQueries(db),
    /** The bot's pending turns: leases, retries, turns stored once per message. */
    bot: createBotWorkStore(db, clock),
    /** Runs `work` as one transaction: every write it makes is stored, or (when it throws) none is. */
    change<T>(work: (tx: ConversationTx) => Promise<T>): Promise<T> {
      return db.transaction(async (transaction) => {
        const tx = transaction as unknown as Db;
        return work({
          ...conversationQueries(tx),
          db: tx,
          append: (inputs) => appendWithin(tx, inputs, clock),
        });
      });
    },
  };
}

/** The store's reads and single writes over a database handle or a transaction. */
function conversationQueries(db: Db) {
  return {
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
              ...(input.customer.email !== undefined && { email: input.customer.email, emailVerified: true }),
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
              name: input.customer.name ?? input.customer.ifNew?.name ?? null,
              email: input.customer.email ?? input.customer.ifNew?.email ?? null,
              // Only a verified identity or an API key vouches for an email (an anonymous page's claim does not).
              emailVerified: Boolean(input.customer.externalId) && input.customer.email !== undefined,
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

    /** Makes the conversation part of an earlier case (the id of that case's first conversation). */
    async setCase(id: string, caseId: string): Promise<void> {
      await db.update(conversations).set({ caseId }).where(eq(conversations.id, id));
    },

    /** The conversation with its live queue position, or null. */
    async getConversation(id: string): Promise<Conversation | null> {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      if (!row) return null;
      return toConversation(row, row.state === 'queued' ? await queuePositionOf(db, row) : null);
    },

    /** Sets the name and email given on a customer nobody verified (no external id); a known customer is left alone. */
    async describeAnonymousCustomer(
      id: string,
      contact: { name?: string; email?: string },
    ): Promise<Customer | null> {
      const [row] = await db
        .update(customers)
        .set({
          ...(contact.name !== undefined && { name: contact.name }),
          ...(contact.email !== undefined && { email: contact.email }),
        })
        .where(and(eq(customers.id, id), isNull(customers.externalId)))
        .returning();
      return row ? toCustomer(row) : null;
    },

    async getCustomer(id: string): Promise<Customer | null> {
      const [row] = await db.select().from(customers).where(eq(customers.id, id));
      return row ? toCustomer(row) : null;
    },

    /**
     * Every conversation waiting for or with a person (queued, then assigned), most urgent first and, within
     * a priority, longest waiting first: never capped, so no waiting customer is ever out of sight.
     */
    async listWithPeople(): Promise<Conversation[]> {
      const rows = await db
        .select()
        .from(conversations)
        .where(inArray(conversations.state, ['queued', 'assigned']))
        .orderBy(
          sql`case ${conversations.state} when 'queued' then 0 else 1 end`,
          sql`case ${conversations.priority} when 'urgent' then 0 when 'high' then 1 else 2 end`,
          sql`coalesce(${conversations.queuedAt}, ${conversations.assignedAt}, ${conversations.createdAt})`,
          asc(conversations.id),
        );
      return rows.map((r) => toConversation(r));
    },

    /**
     * One page of the conversations the bot holds, newest first, after `cursor` (creation time and id, which
     * never change, so walking the pages misses and repeats none); `next` is null on the last page.
     */
    async listWithBot(
      cursor: InboxCursor | null,
      limit: number,
    ): Promise<{ conversations: Conversation[]; next: InboxCursor | null }> {
      const after = cursor
        ? or(
            lt(conversations.createdAt, cursor.createdAt),
            and(eq(conversations.createdAt, cursor.createdAt), lt(conversations.id, cursor.id)),
          )
        : undefined;
      const rows = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.state, 'bot'), after))
        .orderBy(desc(conversations.createdAt), desc(conversations.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        conversations: page.map((r) => toConversation(r)),
        next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
      };
    },

    /** The customers given, by id. */
    async getCustomers(ids: string[]): Promise<Map<string, Customer>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select()
        .from(customers)
        .where(inArray(customers.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, toCustomer(r)]));
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
}

function toStoredTurn(r: typeof botTurns.$inferSelect): StoredTurn {
  return {
    conversationId: r.conversationId,
    turn: r.turn,
    messageSeq: r.messageSeq,
    pack: r.pack,
    botTurn: r.botTurn,
    decision: r.decision,
    decisionKind: r.decisionKind as Decision['kind'],
    createdAt: r.createdAt.toISOString(),
  };
}
