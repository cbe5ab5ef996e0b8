import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who changed what, when: settings (teams, agents, macros, webhooks) and the learning loop's pack versions.
 * Each entry is written in the same transaction as the change it describes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** `teams`, `agents`, `macros`, `webhooks` or `packs`. */
    area: text('area').notNull(),
    /** The id of what changed (team, agent, macro, webhook, pack). */
    subject: text('subject').notNull(),
    action: text('action').notNull(),
    /** The agent id of the person who made the change (`disk` when a pack was read at start). */
    actor: text('actor').notNull(),
    reason: text('reason'),
    /** The changed fields as they were, and as they became (secrets never stored, only marked). */
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt, t.id),
    index('audit_log_subject_idx').on(t.area, t.subject, t.createdAt),
  ],
);
