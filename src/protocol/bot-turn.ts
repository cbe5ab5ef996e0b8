import { z } from 'zod';

/** An entity found in a customer message (order id, amount, date, error code, ...). */
export const entitySchema = z.object({
  type: z.string(),
  value: z.string(),
  text: z.string(),
});

/** Sentiment of one message: -1 (very negative) .. 1 (very positive), plus the frustration cues seen. */
export const sentimentSchema = z.object({
  score: z.number().min(-1).max(1),
  cues: z.array(z.string()),
});

/** One lookup in the company's systems made during a bot turn. */
export const toolCallSchema = z.object({
  tool: z.string(),
  key: z.string().nullable(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  ms: z.number(),
});

/** Where a multi-step flow stands after a turn. */
export const flowStatusSchema = z.object({
  flow: z.string(),
  step: z.string(),
  failedCycles: z.number().int(),
  maxCycles: z.number().int(),
  status: z.enum(['active', 'completed', 'gave_up']),
  /** On a documents step: each kind asked for, how many are needed and how many arrived. */
  documents: z
    .array(
      z.object({ kind: z.string(), label: z.string(), needed: z.number().int(), received: z.number().int() }),
    )
    .optional(),
});

/** Everything the bot understood and did on one customer turn: what the escalation policy reads. */
export const botTurnSchema = z.object({
  /** 1-based index of the customer turn in the conversation. */
  turn: z.number().int().min(1),
  text: z.string(),
  intent: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  ranking: z.array(z.object({ intent: z.string(), score: z.number() })),
  outOfScope: z.boolean(),
  entities: z.array(entitySchema),
  sentiment: sentimentSchema,
  article: z.object({ id: z.string(), title: z.string(), score: z.number() }).nullable(),
  flow: flowStatusSchema.nullable(),
  tools: z.array(toolCallSchema),
  reply: z.string().nullable(),
  replyKind: z.enum(['intent', 'article', 'flow', 'tool', 'fallback', 'none']),
  /** A failure inside the bot itself (never thrown to the caller). */
  error: z.string().nullable(),
  /** How the intent was found: the classifier, a pack pattern, or the classifier's top guess backed by its lookup key. */
  intentSource: z.enum(['model', 'pattern', 'entity']).optional(),
  /** The conversation's topic so far: the last confident intent that was not small talk. */
  topic: z.string().nullable().optional(),
  /** Entities known from this and earlier turns, latest per type. */
  knownEntities: z.array(entitySchema).optional(),
  /** The answer case a tool-backed intent picked (e.g. `delayed`), with the pack's tags for it. */
  answerCase: z
    .object({ id: z.string(), tags: z.array(z.string()) })
    .nullable()
    .optional(),
});

export type Entity = z.infer<typeof entitySchema>;
export type Sentiment = z.infer<typeof sentimentSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;
export type FlowStatus = z.infer<typeof flowStatusSchema>;
export type BotTurn = z.infer<typeof botTurnSchema>;
