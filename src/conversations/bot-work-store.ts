import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { Message, Priority } from '../protocol/conversation.ts';
import type { Decision } from '../protocol/decision.ts';
import { botTurns, conversations } from './conversation.tables.ts';
import type { StoredTurn } from './conversation-store.ts';
import { toMessage } from './message-writer.ts';

/** The handoff a bot turn asks for: the team, how urgently, and what the customer is told. */
export type BotHandoff = {
  team: string;
  priority: Priority;
  message: string;
  mode: 'warm' | 'cold';
  requiredSkills: string[];
};

/**
 * What a stored turn says and does. It is stored with the turn, so a turn retried after a crash delivers exactly
 * what was decided the first time instead of asking the bot again.
 */
export type TurnOutcome = {
  replies: { text: string; metadata?: Record<string, unknown> }[];
  handoff: BotHandoff | null;
  /** Answered while the customer waited in the queue. */
  whileWaiting: boolean;
};

/** A stored turn with its outcome. */
export type RecordedTurn = { turn: StoredTurn; outcome: TurnOutcome };

/** Where a conversation's pending bot work stands, as its lease holder reads it. */
export type BotPosition = { state: string; doneSeq: number; dueSeq: number; attempts: number };

const iso = (d: Date) => d.toISOString();

type PositionRow = { state: string; bot_done_seq: number; bot_due_seq: number; bot_attempts: number };
const positionColumns = sql.raw('state, bot_done_seq, bot_due_seq, bot_attempts');
const toPosition = (r: PositionRow): BotPosition => ({
  state: r.state,
  doneSeq: Number(r.bot_done_seq),
  dueSeq: Number(r.bot_due_seq),
  attempts: Number(r.bot_attempts),
});

/**
 * The bot's pending work, derived from the message log: a conversation the bot holds (or that waits in the
 * queue) owes answers to its customer messages after `bot_done_seq` up to `bot_due_seq`. The message writer
 * moves `bot_due_seq`; the lease holder moves `bot_done_seq` once a message is answered.
 */
export function createBotWorkStore(db: Db) {
  /** The turn stored for a customer message, with its outcome, or null. */
  const findTurn = async (conversationId: string, messageSeq: number): Promise<RecordedTurn | null> => {
    const [row] = await db
      .select()
      .from(botTurns)
      .where(and(eq(botTurns.conversationId, conversationId), eq(botTurns.messageSeq, messageSeq)));
    if (!row) return null;
    return {
      turn: {
        conversationId: row.conversationId,
        turn: row.turn,
        messageSeq: row.messageSeq,
        pack: row.pack,
        botTurn: row.botTurn,
        decision: row.decision,
        decisionKind: row.decisionKind as Decision['kind'],
        createdAt: row.createdAt.toISOString(),
      },
      // Turns stored before outcomes were kept were delivered when they were stored.
      outcome: (row.outcome as TurnOutcome | null) ?? { replies: [], handoff: null, whileWaiting: false },
    };
  };

  return {
    /**
     * Leases up to `limit` conversations with pending work whose lease is free or expired (only `conversationId`
     * when given), skipping rows another transaction holds; returns their ids.
     */
    async claim(input: {
      owner: string;
      now: Date;
      leaseUntil: Date;
      limit: number;
      conversationId?: string;
    }): Promise<(BotPosition & { id: string })[]> {
      const only = input.conversationId ? sql`and id = ${input.conversationId}` : sql``;
      const rows = await queryRows<PositionRow & { id: string }>(
        db,
        sql`update conversations set bot_lease_owner = ${input.owner}, bot_lease_until = ${iso(input.leaseUntil)}::timestamptz
            where id in (
              select id from conversations
              where bot_due_seq > bot_done_seq and state in ('bot', 'queued')
                and (bot_lease_until is null or bot_lease_until <= ${iso(input.now)}::timestamptz) ${only}
              order by bot_lease_until nulls first
              limit ${input.limit}
              for update skip locked
            )
            returning id, ${positionColumns}`,
      );
      return rows.map((r) => ({ id: r.id, ...toPosition(r) }));
    },

    /** The pending position of a conversation this owner leases, or null when the lease is someone else's. */
    async position(conversationId: string, owner: string): Promise<BotPosition | null> {
      const [row] = await db
        .select({
          state: conversations.state,
          doneSeq: conversations.botDoneSeq,
          dueSeq: conversations.botDueSeq,
          attempts: conversations.botAttempts,
        })
        .from(conversations)
        .where(and(eq(conversations.id, conversationId), eq(conversations.botLeaseOwner, owner)));
      return row ?? null;
    },

    /** The first customer message after `afterSeq`, up to `upToSeq`. */
    async nextMessage(conversationId: string, afterSeq: number, upToSeq: number): Promise<Message | null> {
      const [row] = await queryRows<Parameters<typeof toMessage>[0]>(
        db,
        sql`select * from messages
            where conversation_id = ${conversationId} and seq > ${afterSeq} and seq <= ${upToSeq}
              and author_kind = 'customer'
            order by seq limit 1`,
      );
      return row ? toMessage(row) : null;
    },

    /**
     * Marks the customer's messages up to `seq` dealt with, clears the failure count and extends the lease;
     * returns the position after it, or null when the lease is someone else's now.
     */
    async advance(
      conversationId: string,
      owner: string,
      seq: number,
      leaseUntil: Date,
    ): Promise<BotPosition | null> {
      const [row] = await queryRows<PositionRow>(
        db,
        sql`update conversations set bot_done_seq = greatest(bot_done_seq, ${seq}), bot_attempts = 0,
              bot_lease_until = ${iso(leaseUntil)}::timestamptz
            where id = ${conversationId} and bot_lease_owner = ${owner}
            returning ${positionColumns}`,
      );
      return row ? toPosition(row) : null;
    },

    /**
     * Gives the lease back unless more work arrived meanwhile (checked in the same statement, so a message
     * written after the last look is never left without a worker). True when released.
     */
    async release(conversationId: string, owner: string): Promise<boolean> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`update conversations set bot_lease_owner = null, bot_lease_until = null
            where id = ${conversationId} and bot_lease_owner = ${owner}
              and (bot_due_seq <= bot_done_seq or state not in ('bot', 'queued'))
            returning id`,
      );
      return rows.length > 0;
    },

    /** Gives the lease back whatever is pending (shutdown: another instance goes on at once). */
    async abandon(conversationId: string, owner: string): Promise<void> {
      await db
        .update(conversations)
        .set({ botLeaseOwner: null, botLeaseUntil: null })
        .where(and(eq(conversations.id, conversationId), eq(conversations.botLeaseOwner, owner)));
    },

    /** Records a failed attempt: nobody claims the conversation again before `retryAt`. */
    async fail(conversationId: string, owner: string, attempts: number, retryAt: Date): Promise<void> {
      await db
        .update(conversations)
        .set({ botAttempts: attempts, botLeaseOwner: null, botLeaseUntil: retryAt })
        .where(and(eq(conversations.id, conversationId), eq(conversations.botLeaseOwner, owner)));
    },

    /**
     * Stores the turn and the bot's memory after it in one transaction, at most once per customer message.
     * Returns the turn stored for that message: this one, or the one an earlier attempt stored (its memory
     * stays); null when another turn took this turn number (a racing worker: the caller retries).
     */
    async recordTurn(
      turn: Omit<StoredTurn, 'createdAt'> & { createdAt: Date },
      memory: Record<string, unknown>,
      outcome: TurnOutcome,
    ): Promise<RecordedTurn | null> {
      const inserted = await db.transaction(async (tx) => {
        // The conversation row first, as the message writer locks it: one lock order, no deadlock.
        await tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.id, turn.conversationId))
          .for('update');
        const rows = await tx
          .insert(botTurns)
          .values({ id: newId('turn'), ...turn, outcome })
          .onConflictDoNothing()
          .returning({ id: botTurns.id });
        if (rows.length === 0) return false;
        await tx
          .update(conversations)
          .set({ botMemory: memory })
          .where(eq(conversations.id, turn.conversationId));
        return true;
      });
      if (inserted) return { turn: { ...turn, createdAt: iso(turn.createdAt) }, outcome };
      return findTurn(turn.conversationId, turn.messageSeq);
    },

    findTurn,
  };
}

/** The bot's pending work in the database. */
export type BotWorkStore = ReturnType<typeof createBotWorkStore>;
