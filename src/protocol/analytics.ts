import { z } from 'zod';

/** How a rated conversation went: the bot alone, the bot then a person, or a person from the start. */
export const csatPathSchema = z.enum(['bot_only', 'bot_then_human', 'human_only']);
export type CsatPath = z.infer<typeof csatPathSchema>;

export const csatBodySchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

export const csatSchema = z.object({
  conversationId: z.string(),
  rating: z.number().int(),
  comment: z.string().nullable(),
  path: csatPathSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Csat = z.infer<typeof csatSchema>;
export const csatResponseSchema = z.object({ csat: csatSchema });

export const labelBodySchema = z.strictObject({
  /** A person was needed (false: the bot could have handled it). */
  needed: z.boolean(),
  /** The reason the policy gave was the right one. */
  reasonCorrect: z.boolean(),
  /** It went to the right team (omitted: not answered). */
  teamCorrect: z.boolean().optional(),
  /** The team it should have gone to. */
  rightTeam: z.string().trim().min(1).max(64).optional(),
  /** A person should have come in earlier. */
  earlier: z.boolean().optional(),
  note: z.string().trim().max(2000).optional(),
});

export const labelSchema = z.object({
  conversationId: z.string(),
  agentId: z.string(),
  needed: z.boolean(),
  reasonCorrect: z.boolean(),
  teamCorrect: z.boolean().nullable(),
  rightTeam: z.string().nullable(),
  earlier: z.boolean().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HandoffLabel = z.infer<typeof labelSchema>;
export const labelResponseSchema = z.object({ label: labelSchema });

/** `from` and `to` are ISO date-times; the default range is the last 7 days. */
export const summaryQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  pack: z.string().min(1).max(64).optional(),
});

const rate = z.number().nullable();

/** Containment and handoff rate of one group of conversations. */
export const containmentSchema = z.object({
  conversations: z.number().int(),
  /** Resolved or closed by now. */
  ended: z.number().int(),
  /** Ended without ever being handed to a person. */
  contained: z.number().int(),
  /** Handed off (by the policy, another bot, or an agent taking over) at least once. */
  handedOff: z.number().int(),
  /** contained / ended. */
  containmentRate: rate,
  /** handedOff / conversations. */
  handoffRate: rate,
});
export type Containment = z.infer<typeof containmentSchema>;

/** Handoffs of one group (a reason, a team, a priority). */
export const handoffGroupSchema = z.object({
  key: z.string(),
  handoffs: z.number().int(),
  /** handoffs / all handoffs in the range. */
  share: rate,
  /** handoffs / all conversations in the range. */
  rate,
});

/** Percentiles of a duration, in seconds; null when there is no sample. */
export const durationSchema = z.object({
  count: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  mean: z.number().nullable(),
});
export type Duration = z.infer<typeof durationSchema>;

export const csatGroupSchema = z.object({ key: z.string(), count: z.number().int(), average: rate });

export const seriesPointSchema = containmentSchema.extend({
  start: z.string(),
  /** Handoffs in this bucket by the rule that decided. */
  handoffsByRule: z.record(z.string(), z.number().int()),
});

/** Where a queue episode ended up: resolved by an agent, abandoned (cancelled or left), handed back, or still open. */
export const journeyOutcomeSchema = z.enum(['resolved', 'abandoned', 'handed_back', 'open']);
export type JourneyOutcome = z.infer<typeof journeyOutcomeSchema>;

/** Handoffs that took one path: the rule that decided, the team at handoff, the outcome. */
export const journeySchema = z.object({
  rule: z.string(),
  team: z.string(),
  outcome: journeyOutcomeSchema,
  handoffs: z.number().int(),
});
export type Journey = z.infer<typeof journeySchema>;

/** GET /api/v1/analytics/summary. */
export const summarySchema = z.object({
  range: z.object({
    from: z.string(),
    to: z.string(),
    pack: z.string().nullable(),
    bucket: z.enum(['hour', 'day']),
  }),
  totals: containmentSchema,
  byPack: z.array(containmentSchema.extend({ key: z.string() })),
  byReason: z.object({ rules: z.array(handoffGroupSchema), detectors: z.array(handoffGroupSchema) }),
  byTeam: z.array(handoffGroupSchema),
  byPriority: z.array(handoffGroupSchema),
  series: z.array(seriesPointSchema),
  /** Handoff (queued) to the first agent assignment. */
  timeToAgent: durationSchema,
  /** Handoff to the first agent reply the customer saw. */
  firstAgentReply: durationSchema,
  /** Assignment to resolution. */
  handleTime: durationSchema,
  abandonment: z.object({
    /** Handoffs (queue waits) in the range. */
    handoffs: z.number().int(),
    /** The customer stopped waiting. */
    cancelled: z.number().int(),
    /** The conversation was closed while still queued. */
    left: z.number().int(),
    rate,
  }),
  csat: z.object({
    count: z.number().int(),
    average: rate,
    distribution: z.record(z.string(), z.number().int()),
    byPath: z.array(csatGroupSchema),
    byReason: z.array(csatGroupSchema),
  }),
  labels: z.object({
    count: z.number().int(),
    /** Labelled "the bot could have handled it". */
    unnecessary: z.number().int(),
    unnecessaryRate: rate,
    reasonWrong: z.number().int(),
    reasonWrongRate: rate,
    byRule: z.array(
      z.object({ key: z.string(), count: z.number().int(), unnecessary: z.number().int(), precision: rate }),
    ),
  }),
  slaBreaches: z.object({
    count: z.number().int(),
    byTeam: z.array(z.object({ key: z.string(), count: z.number().int() })),
  }),
  waitEstimates: z.object({
    /** Handoffs told an estimate that then reached an agent. */
    count: z.number().int(),
    meanAbsoluteErrorSeconds: rate,
    /** Positive: agents came later than promised. */
    meanErrorSeconds: rate,
  }),
  /** Handoffs by rule, team and outcome (the flows of the journey diagram), most first. */
  journeys: z.array(journeySchema),
});
export type Summary = z.infer<typeof summarySchema>;

/** A raised alert (a handoff spike). */
export const alertSchema = z.object({
  id: z.string(),
  kind: z.string(),
  level: z.enum(['info', 'warning', 'critical']),
  text: z.string(),
  details: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  lastSeenAt: z.string(),
  clearedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const alertsResponseSchema = z.object({ alerts: z.array(alertSchema) });

export const recentHandoffsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  pack: z.string().min(1).max(64).optional(),
});

/** A handoff (or an offer of a person) the policy decided on a bot turn, with its explanation. */
export const recentHandoffSchema = z.object({
  conversationId: z.string(),
  pack: z.string(),
  turn: z.number().int(),
  /** `offer`: the customer was offered a person; `handoff`: queued at once. */
  kind: z.enum(['offer', 'handoff']),
  team: z.string().nullable(),
  priority: z.string().nullable(),
  rule: z.string().nullable(),
  risk: z.number().nullable(),
  /** The decision's explanation, one sentence each. */
  reasons: z.array(z.string()),
  intent: z.string().nullable(),
  /** The conversation's state now. */
  state: z.string(),
  decidedAt: z.string(),
});
export type RecentHandoff = z.infer<typeof recentHandoffSchema>;
export const recentHandoffsResponseSchema = z.object({ handoffs: z.array(recentHandoffSchema) });
