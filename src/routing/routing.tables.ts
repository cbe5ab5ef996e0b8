import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Whether each console user is online, and since when; the router's view of who can take work. */
export const agentPresence = pgTable('agent_presence', {
  agentId: text('agent_id').primaryKey(),
  status: text('status').notNull().default('offline'),
  statusSince: timestamp('status_since', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
});

/** An offer of a queued conversation to one agent, with an accept deadline. */
export const offers = pgTable(
  'offers',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    agentId: text('agent_id').notNull(),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('offers_one_pending_per_conversation').on(t.conversationId).where(sql`status = 'pending'`),
    index('offers_agent_status_idx').on(t.agentId, t.status),
    index('offers_pending_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** Routing settings of a team: seeded from the packs, editable through the admin API. */
export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  skills: jsonb('skills').$type<string[]>().notNull().default([]),
  businessHours: jsonb('business_hours').$type<Record<string, unknown> | null>(),
  autoAccept: boolean('auto_accept').notNull().default(false),
  offerTimeoutSeconds: integer('offer_timeout_seconds').notNull().default(30),
  overflowTeam: text('overflow_team'),
  overflowAfterSeconds: integer('overflow_after_seconds'),
  relaxSkillsAfterSeconds: integer('relax_skills_after_seconds'),
  /** Time to first agent reply per priority, in seconds. */
  slaSeconds: jsonb('sla_seconds')
    .$type<Record<string, number>>()
    .notNull()
    .default({ urgent: 60, high: 180, normal: 600 }),
  strategy: text('strategy').notNull().default('least_busy'),
});

/** A message or callback request left when nobody could take the conversation. */
export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    team: text('team'),
    kind: text('kind').notNull(),
    contact: text('contact'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    note: text('note'),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('tickets_status_idx').on(t.status, t.team)],
);
