import { z } from 'zod';
import { storableText } from './conversation.ts';
import { freeformObject } from './freeform-object.ts';

/** How bad an alert is, lowest first. */
export const severities = ['low', 'medium', 'high', 'critical'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

/** Facts an alert carries (instrument, price move, systems affected, ...): a small free-form object. */
export const alertFactsSchema = freeformObject({ maxEntries: 100, maxDepth: 4, maxBytes: 16 * 1024 });

const slugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]*$/, 'must start with a lowercase letter and use only a-z, 0-9, _, . and -')
  .max(100);

/** `POST /api/v1/alerts`: an alert from another system (a risk monitor, a fraud model, uptime checks). */
export const alertBodySchema = z.strictObject({
  /** The pack whose incident policy applies; defaults to the first pack with a policy for the type. */
  pack: slugSchema.optional(),
  type: slugSchema,
  severity: severitySchema,
  /** Alerts with the same fingerprint update one open incident instead of paging again. */
  fingerprint: storableText(200),
  title: storableText(300),
  facts: alertFactsSchema.default({}),
  source: storableText(100).optional(),
});
export type AlertBody = z.infer<typeof alertBodySchema>;

/** Timeline entry kinds: every step of an incident, in order; the timeline is its audit trail. */
export const timelineKinds = [
  'opened',
  'repeated',
  'paged',
  'repaged',
  'unreachable',
  'escalated',
  'held',
  'acknowledged',
  'note',
  'status',
  'resolved',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(timelineKinds),
  team: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  text: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** One team paged for an incident: by the policy (level 0) or up the escalation ladder (level 1, 2, ...). */
export const incidentPageSchema = z.object({
  team: z.string(),
  teamName: z.string(),
  level: z.number().int(),
  pages: z.number().int(),
  lastPagedAt: z.string().nullable(),
  /** When it is re-paged (or escalated) unless acknowledged; null once acknowledged or done. */
  dueAt: z.string().nullable(),
  ackedAt: z.string().nullable(),
  ackedBy: z.string().nullable(),
  ackedByName: z.string().nullable(),
});
export type IncidentPage = z.infer<typeof incidentPageSchema>;

export const incidentStatuses = ['open', 'investigating', 'mitigated', 'resolved'] as const;
export const incidentStatusSchema = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** An incident as stored: the alert merged over its repeats, with its pages. */
export const incidentSchema = z.object({
  id: z.string(),
  pack: z.string(),
  type: z.string(),
  severity: severitySchema,
  fingerprint: z.string(),
  title: z.string(),
  facts: z.record(z.string(), z.unknown()),
  status: incidentStatusSchema,
  policy: z.string().nullable(),
  count: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  ladderLevel: z.number().int(),
  resolvedAt: z.string().nullable(),
  summary: z.string().nullable(),
  pages: z.array(incidentPageSchema),
});
export type Incident = z.infer<typeof incidentSchema>;

/** What one team sees of an incident: its own sections, action, obligations, clock and links. */
export const teamViewSchema = z.object({
  team: z.string(),
  teamName: z.string(),
  headline: z.string(),
  sections: z.array(
    z.object({
      title: z.string(),
      facts: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
    }),
  ),
  action: z.string().nullable(),
  obligations: z.array(z.string()),
  /** When a reporting duty falls due (compliance), counted from the first alert. */
  reportingDueAt: z.string().nullable(),
  runbook: z.string().nullable(),
  /** Whether this team's view shows the full timeline as an audit trail. */
  auditTrail: z.boolean(),
});
export type TeamView = z.infer<typeof teamViewSchema>;

/** An incident with the caller's team views and the shared timeline. */
export const incidentDetailSchema = z.object({
  incident: incidentSchema,
  views: z.array(teamViewSchema),
  timeline: z.array(timelineEntrySchema),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const alertResponseSchema = z.object({
  outcome: z.enum(['opened', 'updated']),
  incident: incidentSchema,
});
export const incidentsResponseSchema = z.object({ incidents: z.array(incidentSchema) });
export const incidentIdParamsSchema = z.strictObject({ id: storableText(100) });
export const acknowledgeBodySchema = z.strictObject({ team: slugSchema.optional() });
export const noteBodySchema = z.strictObject({ text: storableText(4000) });
export const statusBodySchema = z.strictObject({
  status: z.enum(['investigating', 'mitigated']),
  text: storableText(4000).optional(),
});
export const resolveBodySchema = z.strictObject({ summary: storableText(4000) });
export const incidentsQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Pack section: what one team sees of an incident. */
const viewConfigSchema = z.strictObject({
  headline: z.string().min(1).optional().describe('replaces the alert title; {{fact}} placeholders allowed'),
  sections: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        facts: z.array(z.string().min(1)).min(1).describe('fact keys of the alert, shown in this order'),
        labels: z.record(z.string(), z.string()).default({}),
      }),
    )
    .default([]),
  action: z.string().min(1).optional().describe('the suggested action; {{fact}} placeholders allowed'),
  obligations: z.array(z.string().min(1)).default([]),
  reportingMinutes: z.number().int().min(1).max(100_000).optional().describe('reporting duty deadline'),
  runbook: z.url({ protocol: /^https?$/ }).optional(),
  auditTrail: z.boolean().default(false),
});
export type IncidentViewConfig = z.infer<typeof viewConfigSchema>;

const teamIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'must start with a lowercase letter and use only a-z, 0-9, _ and -');

/** Pack section: who is paged for which alerts, how long they have, and who is next when nobody answers. */
const incidentPolicySchema = z.strictObject({
  id: teamIdSchema,
  types: z.array(slugSchema).min(1).describe('alert types this policy covers; "*" is not allowed'),
  minSeverity: severitySchema.default('low'),
  page: z.array(teamIdSchema).min(1).describe('teams paged all at once'),
  ackSeconds: z.number().int().min(5).max(86_400).describe('time to acknowledge before a re-page'),
  repeat: z.number().int().min(0).max(20).default(2).describe('re-pages before escalating up the ladder'),
  ladder: z.array(teamIdSchema).default([]).describe('paged in turn when nobody acknowledges'),
});
export type IncidentPolicy = z.infer<typeof incidentPolicySchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM');

/** Pack section: quiet hours hold non-critical pages until they end. */
export const quietHoursSchema = z.strictObject({
  timezone: z.string().min(1).describe('IANA time zone'),
  from: clockTime,
  to: clockTime,
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** The `incidents` section of a pack. */
export const incidentsConfigSchema = z.strictObject({
  policies: z.array(incidentPolicySchema).min(1),
  views: z.record(teamIdSchema, viewConfigSchema).default({}),
  quietHours: quietHoursSchema.optional(),
});
export type IncidentsConfig = z.infer<typeof incidentsConfigSchema>;
