import { z } from 'zod';
import { authorKindSchema, prioritySchema, tierSchema } from './conversation.ts';

/** The contract version; bump it (and add a new JSON Schema file) on any breaking change. */
export const contextPackageVersion = '1';

/** Kinds of personal data the redactor masks. */
export const piiTypes = ['card', 'ssn', 'national_id', 'email', 'phone', 'secret'] as const;
export const piiTypeSchema = z.enum(piiTypes);
export type PiiType = z.infer<typeof piiTypeSchema>;

/** One masked value: where it was, of what type, and the token an authorised reveal uses. */
export const redactionSchema = z.object({
  token: z.string().describe('stable id of the original value within this package, e.g. card-1'),
  type: piiTypeSchema,
  path: z.string().describe('where the value was, e.g. transcript[2].text'),
  mask: z.string().describe('what replaced it, e.g. [card ****1234]'),
});
export type Redaction = z.infer<typeof redactionSchema>;

/** One detector's contribution to the decision, with its evidence. */
export const contextSignalSchema = z.object({
  detector: z.string(),
  score: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});

/** Why the bot handed off: the rule, signals, reasons, and where the conversation goes. */
export const contextDecisionSchema = z.object({
  kind: z
    .enum(['offer', 'handoff'])
    .describe('offer: the customer accepted an offered person; handoff: at once'),
  rule: z.string().describe('id of the policy rule that decided'),
  team: z.string(),
  teamName: z.string(),
  priority: prioritySchema,
  mode: z
    .enum(['warm', 'cold'])
    .describe('warm: the agent reads the context before joining; cold: joins at once'),
  risk: z.number(),
  emergency: z.boolean(),
  /** The customer turn on which the policy decided. */
  turn: z.number().int().min(0),
  reasons: z.array(z.string()),
  signals: z.array(contextSignalSchema),
});

/** An entity the customer gave (order, claim, policy or account number, card last4, amount, error code, ...). */
export const contextEntitySchema = z.object({
  type: z.string(),
  label: z.string().describe('human label for the type, e.g. Order'),
  value: z.string().describe('normalised value, e.g. 18000 for "$18k"'),
  text: z.string().describe('as the customer wrote it'),
  turn: z.number().int().min(1).describe('customer turn where it was first said'),
});

/** One thing the bot already tried, so the agent does not repeat it. */
export const triedStepSchema = z.object({
  kind: z.enum(['answer', 'article', 'flow', 'tool', 'fallback']),
  what: z.string().describe('e.g. "Ran troubleshooting flow Router E202 (steps: restart, cables)"'),
  result: z.enum([
    'answered',
    'found',
    'not_found',
    'error',
    'in_progress',
    'completed',
    'gave_up',
    'not_understood',
  ]),
  detail: z.string().optional(),
  turns: z.array(z.number().int().min(1)),
  tool: z.string().optional().describe('the tool id, for tool steps'),
});
export type TriedStep = z.infer<typeof triedStepSchema>;

/** The short, rule-built account of the conversation the agent reads first. */
export const contextSummarySchema = z.object({
  topic: z
    .object({ intent: z.string(), label: z.string(), description: z.string().nullable() })
    .nullable()
    .describe("the conversation's topic (last confident intent that was not small talk)"),
  customerWants: z.string().describe('one or two sentences: what the customer wants, in their words'),
  entities: z.array(contextEntitySchema),
  botTried: z.array(triedStepSchema),
  outcome: z.string().describe('one sentence: where the bot stopped and why'),
});

/** One message as the agent sees it (internal notes are never included). */
export const transcriptEntrySchema = z.object({
  seq: z.number().int().min(1),
  authorKind: authorKindSchema,
  text: z.string(),
  at: z.string(),
});

/** Customer sentiment turn by turn, and where it is heading. */
export const sentimentTrajectorySchema = z.object({
  points: z.array(
    z.object({
      turn: z.number().int().min(1),
      seq: z.number().int().min(0).nullable(),
      score: z.number().min(-1).max(1),
      cues: z.array(z.string()),
    }),
  ),
  trend: z.enum(['improving', 'steady', 'worsening', 'unknown']),
  lowest: z.number().min(-1).max(1).nullable(),
});

/** One lookup the bot made and what came back. */
export const contextToolResultSchema = z.object({
  turn: z.number().int().min(1),
  tool: z.string(),
  key: z.string().nullable(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

/** The customer as the agent needs to know them. */
export const contextCustomerSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  tier: tierSchema,
  attributes: z.record(z.string(), z.unknown()),
});

/** What the agent should do first, and the rule that suggested it. */
export const nextStepSchema = z.object({
  text: z.string(),
  rule: z.string(),
});

/** The move that produced this package when it was rebuilt at a transfer: from where, by whom, and the note. */
export const contextTransferSchema = z.object({
  fromTeam: z.string().nullable(),
  fromTeamName: z.string().nullable(),
  by: z.string().describe('who transferred it (an agent, or "overflow")'),
  note: z.string().describe('the transfer note the receiving team reads first'),
  at: z.string(),
});

/** Everything a person taking over needs, so the customer never repeats themselves. */
export const contextPackageSchema = z
  .object({
    version: z.literal(contextPackageVersion),
    conversationId: z.string(),
    customerId: z.string(),
    channel: z.string(),
    pack: z.string(),
    createdAt: z.string(),
    decision: contextDecisionSchema,
    summary: contextSummarySchema,
    transcript: z.array(transcriptEntrySchema),
    sentiment: sentimentTrajectorySchema,
    toolResults: z.array(contextToolResultSchema),
    customer: contextCustomerSchema,
    nextStep: nextStepSchema,
    /** Present when the package was rebuilt at a transfer to another team. */
    transfer: contextTransferSchema.optional(),
    /** Added within v1 (optional): what the customer did before, on any channel. */
    history: z
      .array(z.string())
      .optional()
      .describe(
        'the customer\'s earlier conversations, tickets, appointments and documents, newest first, e.g. "last week: Mortgage advice with Dana (Lending), web"',
      ),
    redactions: z.array(redactionSchema),
  })
  .meta({
    title: 'Baton context package v1',
    description:
      'What the bot hands to a person: why, what the customer wants, what was tried, what to do next.',
  });

export type ContextPackage = z.infer<typeof contextPackageSchema>;
export type ContextDecision = z.infer<typeof contextDecisionSchema>;
export type ContextSummary = z.infer<typeof contextSummarySchema>;
export type ContextEntity = z.infer<typeof contextEntitySchema>;
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;
export type SentimentTrajectory = z.infer<typeof sentimentTrajectorySchema>;
export type ContextToolResult = z.infer<typeof contextToolResultSchema>;
export type ContextCustomer = z.infer<typeof contextCustomerSchema>;
export type NextStep = z.infer<typeof nextStepSchema>;
export type ContextTransfer = z.infer<typeof contextTransferSchema>;

/** The parts of a package a view can show or hide (the header and redaction list are always shown). */
export const contextSections = [
  'decision',
  'summary',
  'transcript',
  'sentiment',
  'toolResults',
  'customer',
  'nextStep',
  'history',
] as const;
export const contextSectionSchema = z.enum(contextSections);
export type ContextSection = z.infer<typeof contextSectionSchema>;

/** What one team or role sees of a package. */
export const roleViewSchema = z.strictObject({
  sections: z.array(contextSectionSchema).min(1),
  transcript: z.enum(['full', 'customer']).default('full').describe('customer: only what the customer wrote'),
  lastMessages: z.number().int().min(1).optional().describe('keep only the last N transcript entries'),
  tools: z.array(z.string()).optional().describe('only these tools (absent: all)'),
  hideTools: z.array(z.string()).default([]),
  hideEntityTypes: z.array(z.string()).default([]).describe('e.g. money and card for a clinical view'),
  attributes: z.array(z.string()).optional().describe('only these customer attributes (absent: all)'),
  hideAttributes: z.array(z.string()).default([]),
});
export type RoleView = z.infer<typeof roleViewSchema>;
export type RoleViewInput = z.input<typeof roleViewSchema>;

/** Views by team id or role name, plus the view everyone else gets. */
export const viewConfigSchema = z.strictObject({
  default: roleViewSchema.prefault({ sections: [...contextSections] }),
  views: z.record(z.string(), roleViewSchema).default({}),
});
export type ViewConfig = z.infer<typeof viewConfigSchema>;
export type ViewConfigInput = z.input<typeof viewConfigSchema>;

/** A package as one team or role sees it: hidden sections are absent. */
export const contextViewSchema = contextPackageSchema
  .partial({
    decision: true,
    summary: true,
    transcript: true,
    sentiment: true,
    toolResults: true,
    customer: true,
    nextStep: true,
  })
  .extend({ view: z.string().describe('the view applied: a team id, a role name or "default"') });
export type ContextView = z.infer<typeof contextViewSchema>;

/** A user-defined national id format, e.g. `{name: 'uk_nino', pattern: '\\b[A-Z]{2}\\d{6}[A-D]\\b'}`. */
export const nationalIdPatternSchema = z.strictObject({
  name: z.string().min(1),
  pattern: z.string().min(1).describe('regular expression; matched case-insensitively'),
  keepLast: z.number().int().min(0).max(6).default(0).describe('characters left visible at the end'),
});

/** Which personal data the redactor masks. */
export const redactionConfigSchema = z.strictObject({
  cards: z.boolean().default(true),
  ssn: z.boolean().default(true),
  emails: z.boolean().default(false),
  phones: z.boolean().default(false),
  nationalIds: z.array(nationalIdPatternSchema).default([]),
  /** Object keys whose whole (scalar) value is masked, e.g. `password`, `ssn`, `dob`. */
  secretKeys: z
    .array(z.string())
    .default(['password', 'ssn', 'social_security_number', 'date_of_birth', 'dob']),
  /** Values never masked, e.g. the company's own phone number quoted by the bot. */
  allow: z.array(z.string()).default([]),
});
export type RedactionConfig = z.infer<typeof redactionConfigSchema>;
export type RedactionConfigInput = z.input<typeof redactionConfigSchema>;

/** The package contract as JSON Schema (draft-07), served at /schemas/context-package.v1.json. */
export function contextPackageJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(contextPackageSchema, { target: 'draft-7' });
}
