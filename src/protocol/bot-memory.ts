import { z } from 'zod';
import { entitySchema } from './bot-turn.ts';

/** Where a running flow stands between turns. */
export const flowMemorySchema = z.object({
  flow: z.string(),
  step: z.string(),
  failedCycles: z.number().int().min(0),
  status: z.enum(['active', 'completed', 'gave_up']),
  startedTurn: z.number().int().min(1),
  /** Documents received for the flow's documents steps, by kind. */
  received: z.record(z.string(), z.number().int().min(0)).default({}),
});

/** A short record of one earlier turn, for the escalation policy and follow-up questions. */
export const turnSummarySchema = z.object({
  turn: z.number().int().min(1),
  intent: z.string().nullable(),
  confidence: z.number(),
  outOfScope: z.boolean(),
  sentiment: z.number(),
  cues: z.array(z.string()),
  replyKind: z.string(),
  article: z.string().nullable(),
  flowStatus: z.string().nullable(),
});

/**
 * A topic a person worked on before handing the conversation back: who, what they wrote, and where the bot's
 * flow stood, so the bot acknowledges the earlier fix instead of repeating the steps already tried.
 */
export const settledTopicSchema = z.object({
  agent: z.string(),
  summary: z.string().nullable(),
  /** The seq of the hand-back note. */
  seq: z.number().int(),
  /** The conversation's topic (intent id) when the person took it, if any. */
  topic: z.string().nullable(),
  /** The flow the bot ran before the person took over, and the step it had reached. */
  flow: flowMemorySchema.pick({ flow: true, step: true, status: true }).nullable(),
});

/** How many settled topics the bot keeps (newest last). */
export const SETTLED_LIMIT = 5;

/** What the bot remembers about one conversation between turns (plain JSON, stored by the server). */
export const botMemorySchema = z.object({
  version: z.literal(1).default(1),
  /** The running (or last finished) flow. */
  flow: flowMemorySchema.nullable().default(null),
  /** Last intent understood with enough confidence. */
  lastIntent: z.string().nullable().default(null),
  /** The conversation's topic: the last confident intent that was not small talk. */
  topic: z.string().nullable().default(null),
  /** Entities known so far, latest per type, with the turn they were said at. */
  entities: z.record(z.string(), entitySchema.extend({ turn: z.number().int() })).default({}),
  /** A tool-backed intent waiting for its lookup key (asked at the previous turn). */
  awaiting: z.object({ intent: z.string(), entity: z.string() }).nullable().default(null),
  /** Text of the previous customer message, for follow-ups such as "and how long does it take?". */
  lastText: z.string().nullable().default(null),
  /** Fallback replies in a row. */
  fallbacks: z.number().int().min(0).default(0),
  /** The last time an agent handed the conversation back: what they did, and the seq it happened at. */
  handBack: z
    .object({ summary: z.string().nullable(), agent: z.string(), seq: z.number().int() })
    .nullable()
    .default(null),
  /** Topics people worked on and handed back, newest last (bounded by `SETTLED_LIMIT`). */
  settled: z.array(settledTopicSchema).default([]),
  /** Recent turns, oldest first (bounded). */
  history: z.array(turnSummarySchema).default([]),
});

export type FlowMemory = z.infer<typeof flowMemorySchema>;
export type TurnSummary = z.infer<typeof turnSummarySchema>;
export type BotMemory = z.infer<typeof botMemorySchema>;
export type SettledTopic = z.infer<typeof settledTopicSchema>;

/** The memory of a conversation the bot has not seen yet. */
export function emptyBotMemory(): BotMemory {
  return botMemorySchema.parse({});
}
