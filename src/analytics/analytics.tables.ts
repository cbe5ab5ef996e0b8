import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * What happened to each conversation and when, as analytics needs it: handoffs with their reason,
 * assignments, resolutions, abandonment. Append-only; the conversations table keeps only the latest state.
 */
export const analyticsEvents = pgTable(
  'analytics_events',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    /** handoff | assigned | agent_replied | resolved | cancelled | closed | handed_back | requeued | transferred | reopened | sla_breached */
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    pack: text('pack').notNull(),
    team: text('team'),
    priority: text('priority'),
    agentId: text('agent_id'),
    /** The conversation's state before the event. */
    fromState: text('from_state'),
    /** The conversation's last message seq when the event happened (pairs events with system messages). */
    seq: integer('seq').notNull().default(0),
    /** Handoffs: the policy rule that decided, the detectors whose signals it saw, the intent understood. */
    rule: text('rule'),
    detectors: jsonb('detectors').$type<string[]>().notNull().default([]),
    intent: text('intent'),
  },
  (t) => [
    index('analytics_events_at_idx').on(t.at, t.type),
    index('analytics_events_conversation_idx').on(t.conversationId, t.at),
  ],
);

/** Alerts raised by analytics checks (handoff spikes); at most one open alert per kind. */
export const alerts = pgTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    text: text('text').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alerts_one_open_per_kind').on(t.kind).where(sql`cleared_at is null`),
    index('alerts_raised_idx').on(t.raisedAt),
  ],
);
