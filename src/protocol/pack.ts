import { z } from 'zod';
import { viewConfigSchema } from './context-package.ts';
import { incidentsConfigSchema } from './incident.ts';
import { policySchema } from './policy.ts';

/** Ids used for packs, intents, teams, tools, flows, steps and entity types. */
const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'must start with a lowercase letter and use only a-z, 0-9, _ and -');

/** Text the customer sees; one string, or several variants (the bot picks one). */
const templateSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** A condition on a value the bot knows, e.g. `{field: tool.purchases.days_since_purchase, lte: 14}`. */
const conditionSchema = z.strictObject({
  field: z.string().describe('entity.TYPE or tool.TOOL.FIELD'),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number()])).optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  exists: z.boolean().optional(),
});

/** One answer variant picked when all its conditions hold. */
const answerCaseSchema = z.strictObject({
  id: idSchema,
  when: z.array(conditionSchema).default([]),
  say: templateSchema,
  tags: z.array(z.string()).default([]).describe('tags the escalation policy can read, e.g. needs_human'),
});

/** What an intent does with a lookup tool. */
const intentToolSchema = z.strictObject({
  id: idSchema.describe('a tool id from `tools`'),
  entity: idSchema.optional().describe("entity type used as lookup key; defaults to the tool's key"),
  ask: templateSchema.optional().describe('said when the lookup key is not known yet'),
  notFound: templateSchema.optional().describe('said when the tool finds nothing for the key'),
  cases: z.array(answerCaseSchema).default([]).describe('first case whose conditions hold answers'),
});

const messagesSchema = z.strictObject({
  greeting: z.string().default('Hi! How can I help you today?'),
  fallback: templateSchema.default(
    "I'm not sure I can help with that. Could you rephrase it, or ask to talk to a person?",
  ),
  toolError: z.string().default("I can't reach that information right now. Please try again in a moment."),
  flowCompleted: z.string().default("Great, I'm glad that's sorted!"),
  flowGaveUp: z
    .string()
    .default("I'm sorry that didn't fix it. I'll bring in a specialist who can look at this with you."),
  flowReminder: z.string().default('Let me know whether that worked, or tell me what you see now.'),
  flowResumed: z
    .string()
    .default(
      "{{handBack.agent}} worked on this with you earlier, so I'll skip what you already tried ({{handBack.tried}}).",
    )
    .describe('said before the next untried step when a flow a person worked on comes up again'),
  flowPersonFix: z
    .string()
    .default(
      'Earlier {{handBack.agent}} sorted this out with you: "{{handBack.summary}}". I won\'t repeat the steps you already tried ({{handBack.tried}}). Could you try that fix again and tell me whether it works?',
    )
    .describe("said when a flow a person solved comes up again: the person's fix instead of the steps"),
  flowRecurred: z
    .string()
    .default(
      "{{handBack.agent}} worked on this with you earlier, and the steps you already tried ({{handBack.tried}}) didn't fix it, so I won't repeat them. I'll bring a person back in; they'll see what was done.",
    )
    .describe('said when a flow a person worked on (without a summary) comes up again'),
  flowDocumentsMissing: z
    .string()
    .default('Thank you. I still need: {{missing}}. You can send them with the paperclip button.')
    .describe('said on a documents step while documents are missing; {{missing}} lists them'),
  handoff: z.string().default("I'm connecting you with {{team.name}}. {{reason}}"),
  handoffQueued: z
    .string()
    .default("You're number {{position}} in line; the expected wait is about {{wait}}."),
  handoffClosed: z
    .string()
    .default(
      "Our {{team.name}} team is offline right now; they'll pick this up when they're back {{opens}}.",
    ),
  emergency: z.string().optional().describe('said at once when the policy detects an emergency'),
});

const intentSchema = z.strictObject({
  id: idSchema,
  description: z.string().optional(),
  examples: z.array(z.string().min(1)).min(10, 'needs at least 10 examples'),
  patterns: z
    .array(z.string().min(1))
    .default([])
    .describe('case-insensitive regular expressions that select this intent outright'),
  answer: templateSchema.optional().describe('without it the bot answers from the knowledge base'),
  team: idSchema.optional().describe('the team that owns this topic'),
  tool: intentToolSchema.optional(),
  flow: idSchema.optional().describe('a flow id started by this intent'),
  tags: z.array(z.string()).default([]),
});

const entityValueSchema = z.union([
  z.string().min(1),
  z.strictObject({ value: z.string().min(1), synonyms: z.array(z.string().min(1)).default([]) }),
]);

const entitySchema = z.strictObject({
  id: idSchema.describe('the entity type; reusing a built-in type (order_id, ...) replaces it'),
  description: z.string().optional(),
  patterns: z.array(z.string().min(1)).default([]).describe('case-insensitive regular expressions'),
  values: z.array(entityValueSchema).default([]),
});

const articleSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  body: z.string().min(1),
  tags: z.array(z.string()).default([]),
});

const expectSchema = z.strictObject({
  success: z.array(z.string().min(1)).default([]),
  failure: z.array(z.string().min(1)).default([]),
  entities: z.array(idSchema).default([]).describe('a reply holding one of these entity types is a success'),
});

/** One kind of document a documents step asks for ("your last two payslips"). */
const documentRequestSchema = z.strictObject({
  kind: idSchema.describe('the kind a sent document is filed under (payslip, id_card)'),
  label: z.string().min(1).describe('how the bot names it to the customer (payslip)'),
  count: z.number().int().min(1).max(20).default(1),
});

const flowStepSchema = z.strictObject({
  id: idSchema,
  kind: z
    .enum(['reply', 'documents'])
    .default('reply')
    .describe(
      'reply: the customer says whether it worked; documents: the step asks for `documents` and moves on once all have arrived',
    ),
  documents: z.array(documentRequestSchema).min(1).optional().describe('what a documents step asks for'),
  say: templateSchema,
  expect: expectSchema.optional().describe("replaces the flow's expect for this step"),
  next: idSchema.optional().describe('step after a failure reply; defaults to the following step'),
  onSuccess: idSchema.optional().describe('step after a success reply; default: the flow completes'),
  reminder: z
    .string()
    .optional()
    .describe("said after a reply that is neither success nor failure; replaces the flow's"),
  skipIfAnswered: z
    .boolean()
    .default(false)
    .describe(
      'first step only: when the message that starts the flow already holds an expected entity, move on',
    ),
});

const flowSchema = z
  .strictObject({
    id: idSchema,
    description: z.string().optional(),
    trigger: z
      .strictObject({
        intents: z.array(idSchema).default([]),
        errorCodes: z.array(z.string().min(1)).default([]),
      })
      .default({ intents: [], errorCodes: [] }),
    steps: z.array(flowStepSchema).min(1),
    expect: expectSchema.default({ success: [], failure: [], entities: [] }),
    maxCycles: z.number().int().min(1).default(3),
    completed: z.string().optional().describe('said when a success reply completes the flow'),
    reminder: z.string().optional().describe('said after a reply that is neither success nor failure'),
    gaveUp: z.string().optional().describe('said when the flow gives up'),
    team: idSchema.optional().describe('team that takes over when the flow gives up'),
  })
  .superRefine((flow, ctx) => {
    for (const [i, step] of flow.steps.entries()) {
      if ((step.kind === 'documents') !== (step.documents !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'documents'],
          message: 'a documents step names its documents, and only a documents step does',
        });
    }
  });

const staticToolSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('static'),
  description: z.string().optional(),
  key: idSchema.optional().describe('entity type used as the lookup key; none = the customer is the key'),
  data: z.record(z.string(), z.unknown()).default({}).describe('records by lookup key; "*" matches any key'),
});

const httpToolSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('http'),
  description: z.string().optional(),
  key: idSchema.optional(),
  url: z.string().min(1).describe('{{key}} is replaced by the URL-encoded lookup key'),
  method: z.enum(['GET', 'POST']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(1).max(60_000).default(3000),
});

const toolSchema = z.discriminatedUnion('kind', [staticToolSchema, httpToolSchema]);

const hoursSchema = z
  .array(z.string().regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'use HH:MM-HH:MM'))
  .default([]);

const businessHoursSchema = z.strictObject({
  timezone: z.string().min(1).describe('IANA time zone, e.g. America/New_York'),
  weekly: z.strictObject({
    mon: hoursSchema,
    tue: hoursSchema,
    wed: hoursSchema,
    thu: hoursSchema,
    fri: hoursSchema,
    sat: hoursSchema,
    sun: hoursSchema,
  }),
  holidays: z
    .array(
      z.strictObject({
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'),
        name: z.string().optional(),
      }),
    )
    .default([]),
});

const teamSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  description: z.string().optional(),
  skills: z.array(z.string()).default([]),
  default: z.boolean().default(false),
  /** A team customers meet in a place (a branch, an office): appointments are booked with it (docs/channels.md). */
  appointments: z
    .strictObject({
      location: z.string().min(1).describe('where the customer goes, e.g. "1 Main Street, Springfield"'),
      slotMinutes: z.number().int().min(5).max(480).default(30),
      capacity: z
        .number()
        .int()
        .min(1)
        .max(50)
        .default(1)
        .describe('appointments that can start at the same time'),
      leadMinutes: z
        .number()
        .int()
        .min(0)
        .max(10_080)
        .default(60)
        .describe('how far ahead of now the first slot is'),
      daysAhead: z.number().int().min(1).max(60).default(14).describe('how many days of slots are offered'),
      businessHours: businessHoursSchema
        .optional()
        .describe("the place's opening hours; the pack's when absent"),
    })
    .optional(),
});

const settingsSchema = z.strictObject({
  minConfidence: z.number().min(0).max(1).default(0.5).describe('intent answers need at least this'),
  minArticleScore: z.number().min(0).max(1).default(0.45).describe('knowledge answers need at least this'),
  outOfScopeExamples: z.array(z.string().min(1)).default([]).describe('messages this bot should not handle'),
  outOfScopeThreshold: z.number().min(0).max(1).optional(),
});

/** One business's bot: what it says, understands, knows, does, and who takes over. */
export const packSchema = z.strictObject({
  $schema: z.string().optional(),
  id: idSchema,
  name: z.string().min(1),
  description: z.string().default(''),
  locale: z.string().default('en'),
  messages: messagesSchema.default(messagesSchema.parse({})),
  settings: settingsSchema.default(settingsSchema.parse({})),
  intents: z.array(intentSchema).min(1),
  entities: z.array(entitySchema).default([]),
  knowledge: z.array(articleSchema).default([]),
  flows: z.array(flowSchema).default([]),
  tools: z.array(toolSchema).default([]),
  teams: z.array(teamSchema).min(1),
  businessHours: businessHoursSchema.optional(),
  policy: policySchema.default({}),
  /** Which sections of the handoff context package each team or role sees (docs/context-package.md). */
  contextViews: viewConfigSchema.optional(),
  /** Incidents raised by other systems' alerts: who is paged, what each team sees, the ladder (docs/incidents.md). */
  incidents: incidentsConfigSchema.optional(),
});

export type Pack = z.infer<typeof packSchema>;
export type PackIntent = Pack['intents'][number];
export type PackEntity = Pack['entities'][number];
export type PackArticle = Pack['knowledge'][number];
export type PackFlow = Pack['flows'][number];
export type PackFlowStep = PackFlow['steps'][number];
export type PackTool = Pack['tools'][number];
export type PackTeam = Pack['teams'][number];
export type AppointmentSettings = NonNullable<PackTeam['appointments']>;
export type PackCondition = z.infer<typeof conditionSchema>;
export type PackAnswerCase = z.infer<typeof answerCaseSchema>;
export type Template = z.infer<typeof templateSchema>;

/** JSON Schema (draft-7) of a pack file as people write it (defaults make fields optional), for editors. */
export function packJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(packSchema, { target: 'draft-7', io: 'input' }),
    $id: 'https://baton.dev/schemas/pack.v1.schema.json',
    title: 'Baton pack v1',
    description: "One business's bot: what it says, understands, knows, does, and who takes over.",
  };
}
