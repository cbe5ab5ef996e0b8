import { z } from 'zod';

/** The parts of Baton whose changes the audit log records. */
export const auditAreaSchema = z.enum(['teams', 'agents', 'macros', 'webhooks', 'packs']);
export type AuditArea = z.infer<typeof auditAreaSchema>;

/** One change: who made it, when, to what, and the changed fields before and after. */
export const auditEntrySchema = z.object({
  id: z.string(),
  area: auditAreaSchema,
  subject: z.string(),
  action: z.string(),
  actor: z.string(),
  /** The actor's name when they are a console user. */
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('nextCursor of the previous page: the older entries'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('entries per page'),
  area: auditAreaSchema.optional().describe('only changes to this part of Baton'),
  subject: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('only changes to this team, agent, macro, webhook or pack'),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

/** Marks a secret that changed in an audit entry; the secret itself is never stored. */
export const hiddenValue = '(hidden)';
