import type { Logger } from 'pino';
import type { BotTurnContext } from './bot-turn-context.ts';
import type { BotPosition, BotWorkStore } from './bot-work-store.ts';
import { type BotRetryPlan, planBotRetry } from './plan-bot-retry.ts';

/** Conversations one sweep leases at a time (and works on side by side). */
const sweepBatch = 8;
/** Batches one sweep takes at most; the next sweep goes on from there. */
const sweepRounds = 50;

/**
 * Answers (or, after repeated failures, apologises for) one pending customer message, given what its turn reads
 * (`context.message` is the message); throws to retry later.
 */
export type HandleMessage = (
  conversationId: string,
  context: BotTurnContext & { message: NonNullable<BotTurnContext['message']> },
  next: BotRetryPlan['next'],
) => Promise<void>;

/** A conversation this instance works on: `again` asks for one more look, `handed` is a lease the sweep took meanwhile. */
type RunEntry = { again: boolean; handed: BotPosition | null; done: Promise<void> };

/** Runs the bot's pending turns under a lease, from a new message (`kick`) or from the periodic `sweep`. */
export type BotWorker = ReturnType<typeof createBotWorker>;

/**
 * The durable bot worker. Any instance may answer any conversation's pending messages: it leases the
 * conversation (so one worker at a time answers it, in message order), answers each message, moves the
 * conversation's `bot_done_seq` past it, and gives the lease back once nothing is pending. A crash leaves a
 * lease that expires; a failed turn leaves a retry time. Either way a later sweep, on any instance, goes on.
 */
export function createBotWorker(deps: {
  work: BotWorkStore;
  handle: HandleMessage;
  now: () => Date;
  log: Logger;
  /** This instance's name in leases: unique per process. */
  owner: string;
  leaseMs: number;
}) {
  const { work, owner, log } = deps;
  /** Conversations this instance is working on; `again` asks the worker to look once more before it stops. */
  const active = new Map<string, RunEntry>();
  let sweeping: Promise<number> | null = null;
  let stopped = false;
  const leaseUntil = () => new Date(deps.now().getTime() + deps.leaseMs);
  const settle = async (): Promise<void> => {
    while (active.size > 0 || sweeping) {
      await Promise.all([...[...active.values()].map((e) => e.done), sweeping]);
    }
  };

  /** Works on one leased conversation until nothing is pending, the lease is lost or a turn fails. */
  const drain = async (conversationId: string, leased: BotPosition): Promise<void> => {
    let position: BotPosition | null = leased;
    while (position) {
      const pending =
        (position.state === 'bot' || position.state === 'queued') && position.dueSeq > position.doneSeq;
      if (stopped) {
        // Shutting down: another instance takes the rest at once instead of after the lease runs out.
        await work.abandon(conversationId, owner);
        return;
      }
      if (!pending) {
        if (await work.release(conversationId, owner)) return;
        // More arrived since this position was read.
        position = await work.position(conversationId, owner);
        continue;
      }
      const context = await work.nextTurn(conversationId, position.doneSeq, position.dueSeq);
      const message = context.message;
      try {
        if (message)
          await deps.handle(conversationId, { ...context, message }, planBotRetry(position.attempts).next);
      } catch (err) {
        const failures = position.attempts + 1;
        const plan = planBotRetry(failures);
        log.error(
          { err, conversationId, seq: message?.seq, failures, retryInMs: plan.delayMs, next: plan.next },
          'bot turn failed; it will be retried',
        );
        await work
          .fail(conversationId, owner, failures, new Date(deps.now().getTime() + plan.delayMs))
          .catch((e: unknown) => log.warn({ err: e, conversationId }, 'recording a failed bot turn failed'));
        return;
      }
      // Moves past the message and, when nothing else is pending, gives the lease back in the same statement.
      const advanced = await work.advance(
        conversationId,
        owner,
        message?.seq ?? position.dueSeq,
        leaseUntil(),
      );
      if (advanced?.released) return;
      position = advanced;
    }
  };

  /**
   * Runs `drain` for a conversation unless this instance already works on it; `claimed` is a lease the caller
   * took (the sweep), handed to the run in progress when there is one, so it is never left to expire unused.
   */
  const run = (conversationId: string, claimed: BotPosition | null): Promise<void> => {
    const current = active.get(conversationId);
    if (current) {
      current.again = true;
      if (claimed) current.handed = claimed;
      return current.done;
    }
    const entry: RunEntry = { again: false, handed: null, done: Promise.resolve() };
    entry.done = (async () => {
      let leased = claimed;
      try {
        do {
          entry.again = false;
          if (!leased) {
            const now = deps.now();
            [leased = null] = await work.claim({
              owner,
              now,
              leaseUntil: leaseUntil(),
              limit: 1,
              conversationId,
            });
          }
          if (leased) await drain(conversationId, leased);
          // A lease the sweep handed over meanwhile is ours: go on from where the conversation stands now.
          leased = entry.handed ? await work.position(conversationId, owner) : null;
          entry.handed = null;
        } while ((entry.again || leased) && !stopped);
        if (leased) await work.abandon(conversationId, owner);
      } finally {
        // In the same step as the last look at `again`: a kick that comes after it starts a new run instead of
        // setting `again` on this finished one (which would leave its message to the sweep, a lease later).
        if (active.get(conversationId) === entry) active.delete(conversationId);
      }
    })().catch((err: unknown) => log.error({ err, conversationId }, 'bot worker failed'));
    active.set(conversationId, entry);
    return entry.done;
  };

  return {
    /** A customer message was stored: answer it now in this instance, unless another instance holds the lease. */
    kick(conversationId: string): Promise<void> {
      if (stopped) return Promise.resolve();
      return run(conversationId, null);
    },

    /** Takes over pending work that nobody holds (after a crash, a failed turn, a lost kick); returns how many conversations. */
    sweep(): Promise<number> {
      if (stopped) return Promise.resolve(0);
      sweeping ??= (async () => {
        let total = 0;
        for (let round = 0; round < sweepRounds && !stopped; round++) {
          const now = deps.now();
          const claimed = await work.claim({ owner, now, leaseUntil: leaseUntil(), limit: sweepBatch });
          if (claimed.length === 0) break;
          total += claimed.length;
          await Promise.all(claimed.map((position) => run(position.id, position)));
        }
        return total;
      })().finally(() => {
        sweeping = null;
      });
      return sweeping;
    },

    /** Waits until this instance has no bot work in flight. */
    settle,

    /** Stops taking work, finishes the turn in flight and gives every lease back (shutdown). */
    async stop(): Promise<void> {
      stopped = true;
      await settle();
    },
  };
}
