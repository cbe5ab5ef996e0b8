/**
 * The learning loop's contract: labelled conversations in, suggestions out, suggestions applied to a pack.
 *
 * - A **labelled conversation** is a scenario of `scenarios/FORMAT.md` whose `expect` is the outcome a
 *   person confirmed (needed or not, at which turn, which team), plus the agent's answer (`resolution`)
 *   when a person answered it. The live loop builds the same shape from stored conversations and labels.
 * - `suggest(pack, history, options) -> Suggestion[]` (src/learning/suggest.ts) is pure and offline: it
 *   reads the pack document and the prepared history (the bot's turns of each conversation, computed once
 *   by `prepareHistory`), and returns suggestions, each with its evidence and a predicted effect measured
 *   by replaying the history under the changed pack on folds the change was not fitted on.
 * - A suggestion's `id` is derived from its kind and its change (`suggestionId`), so the same proposal made
 *   again has the same id: a store that remembers rejected ids does not show it twice.
 * - A suggestion's `change` is a list of semantic operations on the pack (`PackChange`), never positions
 *   in arrays: applying it to a newer version of the pack still means the same thing.
 * - `applyChanges(doc, changes) -> doc` (src/learning/apply-changes.ts) is pure: it returns a new
 *   `PackDocument` (the parsed `pack.yaml` and `lexicon.yaml` of a pack folder) with the operations
 *   applied in order; it never mutates its input. An operation that cannot apply (unknown intent, team or
 *   rule) throws `LearningError` with code `CHANGE_NOT_APPLICABLE`. The result is checked by parsing it
 *   like any pack (`parsePack`), which the caller does before storing or writing it.
 */
import { z } from 'zod';
import { scenarioSchema } from '../escalation/scenario-schema.ts';
import type { BotTurn } from './bot-turn.ts';
import { learnedModelSchema } from './learned-model.ts';

/** One past conversation with its outcome (`expect`) and, when an agent answered, what they said. */
export const labelledConversationSchema = scenarioSchema.extend({
  resolution: z.string().min(1).optional().describe("the agent's answer that resolved the conversation"),
});

/** A pack folder as data: `pack.yaml` as parsed YAML (not yet validated) and `lexicon.yaml`'s sets. */
export const packDocumentSchema = z.strictObject({
  pack: z.record(z.string(), z.unknown()),
  lexicon: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/);
const terms = z.array(z.string().min(1)).min(1);
/** A policy object (rule, risk, suppression) as the pack format writes it; checked when the pack is parsed. */
const policyObject = z.looseObject({ id });

/** One semantic operation on a pack. */
export const packChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add_intent_examples'), intent: id, examples: terms }),
  z.strictObject({
    op: z.literal('add_intent'),
    intent: z.strictObject({
      id,
      description: z.string().optional(),
      examples: terms,
      team: id.optional(),
      answer: z.string().min(1).optional(),
    }),
  }),
  z.strictObject({
    op: z.literal('add_article'),
    article: z.strictObject({
      id,
      title: z.string().min(1),
      body: z.string().min(1),
      tags: z.array(z.string()).default([]),
    }),
  }),
  z.strictObject({ op: z.literal('add_lexicon_terms'), set: z.string().regex(/^[a-z][a-z0-9_]*$/), terms }),
  /** Adds or replaces (same id) a risk topic of `policy.risks`. */
  z.strictObject({ op: z.literal('put_risk'), risk: policyObject }),
  /** Adds or replaces (same id) a rule of the decision matrix (`policy.rules`). */
  z.strictObject({ op: z.literal('put_rule'), rule: policyObject }),
  /** Sets the impact of a rule; a built-in rule is copied into the pack with the new impact. */
  z.strictObject({ op: z.literal('set_rule_impact'), rule: id, impact: z.number().min(0).max(1) }),
  z.strictObject({
    op: z.literal('set_thresholds'),
    offer: z.number().min(0).max(1),
    handoff: z.number().min(0).max(1),
  }),
  /** Adds or replaces (same id) a suppression (`policy.suppress`). */
  z.strictObject({ op: z.literal('put_suppression'), suppression: policyObject }),
  /** Adds terms to the `policy.topics` entry of a team (created when missing). */
  z.strictObject({ op: z.literal('add_topic_terms'), team: id, terms }),
  /** Sets the team that owns an intent's topic. */
  z.strictObject({ op: z.literal('set_intent_team'), intent: id, team: id }),
  /** Stores the learned escalation signal (`policy.learned`) and its rule. */
  z.strictObject({
    op: z.literal('set_learned_model'),
    model: learnedModelSchema,
    impact: z.number().min(0).max(1),
  }),
]);

export const suggestionKinds = [
  'intent_example',
  'new_intent',
  'kb_article',
  'policy_cue',
  'policy_threshold',
  'policy_suppress',
  'topic_team',
  'learned_signal',
] as const;

/** Handoff scores of one policy over a set of labelled conversations (fractions; counts as integers). */
export const effectScoresSchema = z.strictObject({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** Needless handoffs: conversations labelled "no person needed" that were handed off, over all such. */
  needless: z.number(),
  teamAccuracy: z.number(),
  handoffs: z.number().int(),
  /** Needed handoffs that came by the labelled turn, over all needed (absent in effects stored before it). */
  onTime: z.number().optional(),
});

/** What a change is predicted to do, measured on held-out folds of the history. */
export const effectSchema = z.strictObject({
  /** How it was measured: `folds` = fitted on k-1 folds, scored on the one left out, for every fold. */
  method: z.enum(['folds', 'replay', 'not_measured']),
  folds: z.number().int().min(0),
  conversations: z.number().int().min(0),
  before: effectScoresSchema.nullable(),
  after: effectScoresSchema.nullable(),
  /** Conversations handed off after the change but not before, and the reverse. */
  handoffsGained: z.number().int(),
  handoffsLost: z.number().int(),
  /** Why it was not measured, or what the figures do not show. */
  note: z.string().optional(),
});

/** The evidence behind a suggestion, for the person who approves it. */
export const evidenceSchema = z.strictObject({
  conversations: z.array(z.string()).describe('ids of the conversations it was learned from (a sample)'),
  terms: z.array(z.string()).default([]),
  counts: z.record(z.string(), z.number()).default({}),
  /** Quotes from the conversations (customer messages, agent answers). */
  quotes: z.array(z.string()).default([]),
});

/** One proposed change to a pack, waiting for a person to approve, edit or reject it. */
export const suggestionSchema = z.strictObject({
  /** Derived from kind and change (`suggestionId`): the same proposal always has the same id. */
  id: z.string().regex(/^sg-[0-9a-f]{16}$/),
  kind: z.enum(suggestionKinds),
  title: z.string().min(1),
  evidence: evidenceSchema,
  change: z.array(packChangeSchema).min(1),
  effect: effectSchema,
});

/** Options of `suggest`. */
export const suggestOptionsSchema = z.strictObject({
  /** Number of folds for the predicted effect (and the learned signal's threshold). */
  folds: z.number().int().min(2).default(5),
  /** Seed of the fold assignment: the same history and seed give the same suggestions. */
  seed: z.number().int().default(1),
  /** Ids of suggestions a person rejected: not proposed again. */
  rejected: z.array(z.string()).default([]),
  /** Which kinds to propose (all by default). */
  kinds: z.array(z.enum(suggestionKinds)).optional(),
});

export type LabelledConversation = z.infer<typeof labelledConversationSchema>;
export type PackDocument = z.infer<typeof packDocumentSchema>;
export type PackChange = z.infer<typeof packChangeSchema>;
export type SuggestionKind = (typeof suggestionKinds)[number];
export type EffectScores = z.infer<typeof effectScoresSchema>;
export type Effect = z.infer<typeof effectSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type Suggestion = z.infer<typeof suggestionSchema>;
export type SuggestOptions = z.input<typeof suggestOptionsSchema>;

/**
 * One conversation of the history as `suggest` reads it: the labelled conversation and what the bot
 * understood on every customer turn under the current pack (all turns, also those after a handoff).
 */
export type PreparedConversation = { conversation: LabelledConversation; turns: BotTurn[] };

/** `suggest`: pure; reads the pack document and the prepared history (see the file comment). */
export type SuggestFn = (
  pack: PackDocument,
  history: readonly PreparedConversation[],
  options?: SuggestOptions,
) => Suggestion[];

/** `applyChanges`: pure; a new document with the operations applied in order. */
export type ApplyChangesFn = (doc: PackDocument, changes: readonly PackChange[]) => PackDocument;
