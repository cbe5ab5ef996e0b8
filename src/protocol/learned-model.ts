import { z } from 'zod';

const weights = z.record(z.string(), z.number());

/**
 * A learned escalation signal, stored in a pack's `policy.learned` as plain data: a logistic model over
 * named features of one turn (words and word pairs of the message and of the conversation so far, the
 * detectors' signals, the turn index, the sentiment and its trend, the bot's intent and reply kind) that
 * says how likely it is that a person is needed now, plus one linear scorer per team that says which team.
 * Feature names are documented in `src/learning/turn-features.ts`.
 */
export const learnedModelSchema = z.strictObject({
  version: z.literal(1),
  /** When it was fitted and on what, for the reader; never read by the decision. */
  trainedOn: z.strictObject({ conversations: z.number().int().min(0), turns: z.number().int().min(0) }),
  bias: z.number(),
  /** Feature name -> weight of the "person needed" model; absent features weigh 0. */
  weights,
  /**
   * Probability at or above which the signal reaches the policy's handoff threshold (chosen on held-out
   * folds); the detector maps the probability so that this point lands on `thresholds.handoff`.
   */
  threshold: z.number().min(0).max(1),
  /** Which team: the highest-scoring team (bias + weights of the turn's features). */
  teams: z.array(z.strictObject({ team: z.string().min(1), bias: z.number(), weights })).default([]),
  /** Which priority for a handoff it flags: the highest-scoring priority, as for teams (empty: the rule's own). */
  priorities: z
    .array(z.strictObject({ priority: z.enum(['normal', 'high', 'urgent']), bias: z.number(), weights }))
    .default([]),
});

export type LearnedModel = z.infer<typeof learnedModelSchema>;
