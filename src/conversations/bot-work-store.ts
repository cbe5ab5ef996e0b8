import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { Priority } from '../protocol/conversation.ts';
import type { Decision } from '../protocol/decision.ts';
import { type BotTurnContext, loadBotTurnContext } from './bot-turn-context.ts';
import { botTurns, conversations } from './conversation.tables.ts';
import type { StoredTurn } from './conversation-store.ts';
import { type Appended, appendWithin, type NewMessage } from './message-writer.ts';

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

/** A stored turn with its outcome; `written`: the messages it said, stored in the same transaction. */
export type RecordedTurn = { turn: StoredTurn; outcome: TurnOutcome; written?: Appended[] };

/**
 * The messages a stored turn says: its replies, then the handoff note; their client ids derive from the customer
 * message's seq, so writing them again (a retried turn) finds the ones already stored.
 */
export function outcomeMessages(
  conversationId: string,
  seq: number,
  { turn, outcome }: RecordedTurn,
): NewMessage[] {
  const replies: NewMessage[] = outcome.replies.map((reply, i) => ({
    conversationId,
    authorKind: 'bot',
    authorId: null,
    text: reply.text,
    clientMessageId: `bot:${seq}:${i}`,
    metadata: { ...(reply.metadata ?? {}), ...(outcome.whileWaiting && { whileWaiting: true }) },
  }));
  if (!outcome.handoff) return replies;
  return [
    ...replies,
    {
      conversationId,
      authorKind: 'system',
      authorId: null,
      text: outcome.handoff.message,
      clientMessageId: `bot:${seq}:handoff`,
      metadata: { decision: turn.decision, turn: turn.turn },
    },
  ];
}

/** The conversation moved on since: the turn is not stored (and what it said is rolled back). */
class TurnTaken extends Error {}

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
export function createBotWorkStore(db: Db, clock: () => Date = () => new Date()) {
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
              for update ${input.conversationId ? sql`` : sql`skip locked`}
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

    /** What the turn for the first pending customer message after `afterSeq` reads, in one statement. */
    nextTurn: (conversationId: string, afterSeq: number, upToSeq: number): Promise<BotTurnContext> =>
      loadBotTurnContext(db, conversationId, afterSeq, upToSeq),

    /**
     * Marks the customer's messages up to `seq` dealt with, clears the failure count and, in the same statement,
     * gives the lease back when nothing else is pending (else extends it); returns the position after it and
     * whether the lease was given back, or null when the lease is someone else's now.
     */
    async advance(
      conversationId: string,
      owner: string,
      seq: number,
      leaseUntil: Date,
    ): Promise<(BotPosition & { released: boolean }) | null> {
      const done = sql`(bot_due_seq <= greatest(bot_done_seq, ${seq}) or state not in ('bot', 'queued'))`;
      const [row] = await queryRows<PositionRow & { released: boolean }>(
        db,
        sql`update conversations set bot_done_seq = greatest(bot_done_seq, ${seq}), bot_attempts = 0,
              bot_lease_owner = case when ${done} then null else bot_lease_owner end,
              bot_lease_until = case when ${done} then null else ${iso(leaseUntil)}::timestamptz end
            where id = ${conversationId} and bot_lease_owner = ${owner}
            returning ${positionColumns}, bot_lease_owner is null as released`,
      );
      return row
        ? { ...toPosition(row), released: row.released === true || String(row.released) === 'true' }
        : null;
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
     * Stores the turn, the bot's memory after it and what the turn says (its replies and handoff note) in one
     * transaction, at most once per customer message. Returns the turn stored for that message: this one, with
     * the messages written (the caller publishes them), or the one an earlier attempt stored (its memory stays,
     * nothing is written); null when another turn took this turn number (a racing worker: the caller retries).
     */
    async recordTurn(
      turn: Omit<StoredTurn, 'createdAt'> & { createdAt: Date },
      memory: Record<string, unknown>,
      outcome: TurnOutcome,
    ): Promise<RecordedTurn | null> {
      const recorded: RecordedTurn = { turn: { ...turn, createdAt: iso(turn.createdAt) }, outcome };
      try {
        const written = await db.transaction(async (tx) => {
          // The messages first: that statement locks the conversation row as the message writer does (one lock
          // order, no deadlock) and refuses a closed conversation.
          const said = outcomeMessages(turn.conversationId, turn.messageSeq, recorded);
          if (said.length === 0) {
            await tx
              .select({ id: conversations.id })
              .from(conversations)
              .where(eq(conversations.id, turn.conversationId))
              .for('update');
          }
          const appended = await appendWithin(tx, said, clock);
          const rows = await queryRows<{ id: string }>(
            tx,
            sql`with stored as (
                  insert into bot_turns (id, conversation_id, turn, message_seq, pack, bot_turn, decision, decision_kind, outcome, created_at)
                  values (${newId('turn')}, ${turn.conversationId}, ${turn.turn}, ${turn.messageSeq}, ${turn.pack},
                    ${JSON.stringify(turn.botTurn)}::jsonb, ${JSON.stringify(turn.decision)}::jsonb, ${turn.decisionKind},
                    ${JSON.stringify(outcome)}::jsonb, ${iso(turn.createdAt)}::timestamptz)
                  on conflict do nothing
                  returning conversation_id
                )
                update conversations set bot_memory = ${JSON.stringify(memory)}::jsonb
                where id in (select conversation_id from stored)
                returning id`,
          );
          if (rows.length === 0) throw new TurnTaken();
          return appended;
        });
        return { ...recorded, written };
      } catch (err) {
        if (!(err instanceof TurnTaken)) throw err;
        return findTurn(turn.conversationId, turn.messageSeq);
      }
    },

    findTurn,
  };
}

/** The bot's pending work in the database. */
export type BotWorkStore = ReturnType<typeof createBotWorkStore>;
