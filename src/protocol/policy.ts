import { z } from 'zod';
import { learnedModelSchema } from './learned-model.ts';

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'use a-z, 0-9, _ and -, starting with a letter');
const score = z.number().min(0).max(1);
const terms = z.array(z.string().min(1)).min(1);

/** Numeric or set comparison of one value (a tool field, an amount, a customer attribute). */
/**
 * Another value a comparison reads instead of a fixed number, with simple arithmetic: `ref` is
 * `tool.TOOL.FIELD`, `attribute.NAME` or `fact.NAME`; the bound is `ref x times + plus`
 * (`gt: { ref: tool.billing.usual_amount, times: 2 }`: more than twice the usual amount).
 */
export type Operand = { ref: string; times?: number; plus?: number };
export const operandSchema = z.strictObject({
  ref: z
    .string()
    .regex(
      /^(tool\.[^.\s]+\.[^\s]+|attribute\.[^\s]+|fact\.[a-z_]+)$/,
      'a `tool.TOOL.FIELD`, `attribute.NAME` or `fact.NAME`',
    )
    .describe('the value compared with: tool.TOOL.FIELD, attribute.NAME or fact.NAME'),
  times: z.number().optional().describe('multiply the value by this'),
  plus: z.number().optional().describe('then add this (negative to subtract)'),
});
const bound = z.union([z.number(), operandSchema]).optional();
const compareShape = {
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number()])).optional(),
  notIn: z.array(z.union([z.string(), z.number()])).optional(),
  gt: bound,
  gte: bound,
  lt: bound,
  lte: bound,
  exists: z.boolean().optional(),
};

/** Facts computed from the conversation that conditions can compare. */
export const factNames = [
  'amount',
  'days_ago',
  'turn',
  'minutes',
  'confidence',
  'systolic',
  'diastolic',
  'temperature',
  'glucose',
] as const;

/**
 * A condition over the conversation and the signals: the one small language used by business rules,
 * decision rules, suppressions and priority boosts. Leaves: `signal`, `intent`, `tag` (tags of the intent),
 * `caseTag` (tags of the answer case a tool-backed intent picked), `text`, `tier`, `attribute`, `tool`,
 * `fact`, `competitor`, `entity`, `flow`; combinators `all`, `any`, `not`.
 */
export type Condition =
  | { signal: string; min?: number; ever?: boolean }
  | { intent: string[]; scope?: 'turn' | 'conversation' }
  | { tag: string[]; scope?: 'turn' | 'conversation' }
  | { caseTag: string[]; scope?: 'turn' | 'conversation' }
  | { text: string[]; scope?: 'turn' | 'conversation' }
  | { tier: string[] }
  | ({ attribute: string } & Compare)
  | ({ tool: string; field: string } & Compare)
  | ({ fact: (typeof factNames)[number] } & Compare)
  | { competitor: boolean }
  | { entity: string[]; scope?: 'turn' | 'conversation' }
  | { flow: Array<'active' | 'completed' | 'gave_up'> }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** The comparison fields shared by `attribute`, `tool` and `fact` conditions. */
export type Compare = {
  equals?: string | number | boolean;
  in?: Array<string | number>;
  notIn?: Array<string | number>;
  gt?: number | Operand;
  gte?: number | Operand;
  lt?: number | Operand;
  lte?: number | Operand;
  exists?: boolean;
};

const scope = z.enum(['turn', 'conversation']).optional();

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ signal: z.string().min(1), min: score.optional(), ever: z.boolean().optional() }),
    z.strictObject({ intent: z.array(z.string()).min(1), scope }),
    z.strictObject({ tag: z.array(z.string()).min(1), scope }),
    z.strictObject({ caseTag: z.array(z.string()).min(1), scope }),
    z.strictObject({ text: terms, scope }),
    z.strictObject({ tier: z.array(z.string()).min(1) }),
    z.strictObject({ attribute: z.string().min(1), ...compareShape }),
    z.strictObject({ tool: z.string().min(1), field: z.string().min(1), ...compareShape }),
    z.strictObject({ fact: z.enum(factNames), ...compareShape }),
    z.strictObject({ competitor: z.boolean() }),
    z.strictObject({ entity: z.array(z.string()).min(1), scope }),
    z.strictObject({ flow: z.array(z.enum(['active', 'completed', 'gave_up'])).min(1) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** One piece of evidence for a risk topic: any of the terms, or all of the groups, in one message. */
const cueSchema = z
  .strictObject({
    any: terms.optional(),
    all: z.array(terms).min(2).optional(),
    weight: score.default(1),
    each: z.boolean().default(false).describe('every distinct matching term adds `weight` (up to 1)'),
    near: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('with `all`: the groups must match within this many words'),
  })
  .refine((c) => (c.any ? 1 : 0) + (c.all ? 1 : 0) === 1, 'a cue needs exactly one of `any` or `all`');

/** A risk topic the pack cares about (fraud, red-flag symptoms, legal threats, outages, ...). */
const riskSchema = z.strictObject({
  id,
  label: z.string().min(1),
  intents: z.array(z.string()).default([]).describe('classifier intents that mean this topic'),
  tags: z.array(z.string()).default([]).describe('intents carrying one of these tags mean this topic'),
  intentWeight: score.default(0.8),
  entities: z.array(z.string()).default([]).describe('entity types that are evidence of the topic'),
  entityWeight: score.default(0.3),
  cues: z.array(cueSchema).default([]),
});

/** A business rule: a named condition over entities, tool results and the customer profile. */
const businessSchema = z.strictObject({
  id,
  label: z.string().min(1),
  when: conditionSchema,
  score: score.default(1),
});

const prioritySchema = z.enum(['normal', 'high', 'urgent']);

/** One row of the decision matrix. */
const ruleSchema = z.strictObject({
  id,
  label: z.string().min(1).describe('human-readable reason shown to agents'),
  when: conditionSchema.describe('likelihood = the score of the signals in it'),
  impact: score,
  team: z
    .string()
    .min(1)
    .default('topic')
    .describe('a team id, `topic` (team of the current topic) or `default`'),
  priority: prioritySchema.default('normal'),
  mode: z.enum(['warm', 'cold']).default('warm'),
  emergency: z.boolean().default(false).describe('the reply carries the emergency text at once'),
  maxKind: z.enum(['offer', 'handoff']).default('handoff').describe('cap: `offer` never hands off directly'),
});

/** A secondary check that stops a known false alarm from the named rules. */
const suppressSchema = z
  .strictObject({
    id,
    rules: z.array(id).min(1),
    when: conditionSchema.optional().describe('suppress when this holds'),
    unless: conditionSchema.optional().describe('suppress unless this holds'),
    reason: z.string().min(1),
  })
  .refine((s) => (s.when ? 1 : 0) + (s.unless ? 1 : 0) >= 1, 'a suppression needs `when` or `unless`');

/** Raises the priority of an offer or handoff when its condition holds. */
const boostSchema = z.strictObject({
  id,
  when: conditionSchema,
  priority: prioritySchema,
  reason: z.string().min(1),
});

const detectorsSchema = z.strictObject({
  explicitRequest: z
    .strictObject({
      roles: z
        .record(z.string(), z.string())
        .default({})
        .describe(
          'role word -> team id: "coordinator: coordinators" makes "speak with a coordinator" a request',
        ),
      phrases: z.array(z.string()).default([]).describe('extra phrases that always mean "a person, please"'),
    })
    .default({ roles: {}, phrases: [] }),
  outOfScope: z
    .strictObject({
      turns: z.number().int().min(1).default(3).describe('consecutive turns for a full score'),
      lowConfidence: score.default(0.3),
    })
    .default({ turns: 3, lowConfidence: 0.3 }),
  sentiment: z
    .strictObject({
      negativeAt: z
        .number()
        .min(-1)
        .max(0)
        .default(-0.3)
        .describe('a turn at or below this counts as negative'),
    })
    .default({ negativeAt: -0.3 }),
  repetition: z.strictObject({ similarity: score.default(0.7) }).default({ similarity: 0.7 }),
  noProgress: z
    .strictObject({
      turns: z.number().int().min(1).default(3),
      minutes: z.number().min(1).default(20),
    })
    .default({ turns: 3, minutes: 20 }),
});

/** The escalation policy with every default filled in: what the detectors and `decide` read. */
export const resolvedPolicySchema = z.strictObject({
  base: z
    .boolean()
    .default(true)
    .describe('add the built-in rules and boosts (a pack rule with the same id wins)'),
  thresholds: z
    .strictObject({ offer: score.default(0.4), handoff: score.default(0.6) })
    .refine((t) => t.offer <= t.handoff, 'offer must not exceed handoff')
    .default({ offer: 0.4, handoff: 0.6 }),
  minIntentConfidence: score.default(0.5).describe('below this the classifier intent is not trusted'),
  softIntentConfidence: score
    .default(0.15)
    .describe('a risk intent ranked first with at least this confidence still counts, at 3/4 of its weight'),
  emergencyText: z.string().optional().describe("defaults to the pack's messages.emergency"),
  offerText: z.string().default('Would you like me to connect you with a person from our team?'),
  lexicon: z
    .record(z.string(), z.array(z.string().min(1)))
    .default({})
    .describe('named synonym sets: `~name`'),
  detectors: detectorsSchema.default(detectorsSchema.parse({})),
  topics: z
    .array(z.strictObject({ team: z.string().min(1), terms }))
    .default([])
    .describe('when no intent names a team, the first whose terms the customer used owns the topic'),
  risks: z.array(riskSchema).default([]),
  business: z.array(businessSchema).default([]),
  rules: z.array(ruleSchema).default([]),
  suppress: z.array(suppressSchema).default([]),
  boost: z.array(boostSchema).default([]),
  /** The learned escalation signal (written by `baton learn` / an approved suggestion, not by hand). */
  learned: learnedModelSchema.optional(),
});

/**
 * The `policy:` section of a pack as written: every key optional (a pack without a policy is valid).
 * `resolvePolicy` fills the defaults.
 */
export const policySchema = resolvedPolicySchema.partial();

/** Fills a pack's policy section with defaults (accepts the raw section or an already parsed one). */
export function resolvePolicy(section: unknown): Policy {
  return resolvedPolicySchema.parse(section ?? {});
}

export type Policy = z.infer<typeof resolvedPolicySchema>;
export type PolicyInput = z.input<typeof resolvedPolicySchema>;
export type PolicyRule = Policy['rules'][number];
export type PolicyRisk = Policy['risks'][number];
export type PolicyCue = PolicyRisk['cues'][number];
export type PolicyBusiness = Policy['business'][number];
export type PolicySuppress = Policy['suppress'][number];
export type PolicyBoost = Policy['boost'][number];
export type PolicyDetectors = Policy['detectors'];
