import { z } from 'zod';

/** How urgently a person should take a conversation, lowest first. */
export const priorities = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
const priorityRank: Record<Priority, number> = { normal: 0, high: 1, urgent: 2 };

/** The more urgent of two priorities. */
export const higherPriority = (a: Priority, b: Priority): Priority =>
  priorityRank[b] > priorityRank[a] ? b : a;

/** What one detector saw in the conversation: a score 0..1 and the evidence behind it. */
export const signalSchema = z.object({
  detector: z.string(),
  score: z.number().min(0).max(1),
  evidence: z.array(z.string()),
  /** Highest score this detector reached on any turn so far (for "ever" conditions). */
  peak: z.number().min(0).max(1).optional(),
  /** A team the evidence points to (a role the customer named, the team owning a failed flow). */
  team: z.string().optional(),
  /** A priority the evidence points to (the learned signal's priority scorer); a rule on it is raised to it. */
  priority: z.enum(priorities).optional(),
});

/** The risk thresholds a decision was made with. */
export const thresholdsSchema = z.object({ offer: z.number(), handoff: z.number() });

/** One rule of the matrix whose condition held on this turn. */
export const ruleHitSchema = z.object({
  rule: z.string(),
  label: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  risk: z.number(),
  team: z.string(),
  priority: z.enum(priorities),
  evidence: z.array(z.string()),
  /** Why a suppression rule stopped it (absent when it counted). */
  suppressed: z.string().optional(),
});

const common = {
  /** Highest risk among the rules that counted. */
  risk: z.number(),
  /** Human-readable explanation, one sentence per line, for the agent console. */
  reasons: z.array(z.string()),
  signals: z.array(signalSchema),
  thresholds: thresholdsSchema,
  rules: z.array(ruleHitSchema),
};

/** The bot keeps the conversation. */
export const stayDecisionSchema = z.object({ kind: z.literal('stay'), ...common });

/** A person should take over: offered to the customer first (`offer`) or at once (`handoff`). */
export const escalateDecisionSchema = z.object({
  kind: z.enum(['offer', 'handoff']),
  team: z.string(),
  priority: z.enum(priorities),
  mode: z.enum(['warm', 'cold']),
  /** Id of the rule that decided. */
  rule: z.string(),
  /** The reply must carry the pack's emergency text. */
  emergency: z.boolean(),
  ...common,
});

/** The escalation decision after one bot turn. */
export const decisionSchema = z.union([stayDecisionSchema, escalateDecisionSchema]);

export type Signal = z.infer<typeof signalSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type RuleHit = z.infer<typeof ruleHitSchema>;
export type StayDecision = z.infer<typeof stayDecisionSchema>;
export type EscalateDecision = z.infer<typeof escalateDecisionSchema>;
export type Decision = z.infer<typeof decisionSchema>;
