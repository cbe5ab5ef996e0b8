import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** An incident raised by another system's alerts; repeats with the same fingerprint fold into the open one. */
export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    pack: text('pack').notNull(),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    fingerprint: text('fingerprint').notNull(),
    title: text('title').notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    source: text('source'),
    status: text('status').notNull().default('open'),
    /** The pack policy that paged for it; null when none covers its type and severity. */
    policy: text('policy'),
    count: integer('count').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The highest rung of the escalation ladder paged so far (0: only the policy's teams). */
    ladderLevel: integer('ladder_level').notNull().default(0),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    summary: text('summary'),
  },
  (t) => [
    // One open incident per fingerprint and pack: concurrent repeats fold into it.
    uniqueIndex('incidents_open_fingerprint_key').on(t.pack, t.fingerprint).where(sql`status <> 'resolved'`),
    index('incidents_status_idx').on(t.status, t.lastSeenAt),
  ],
);

/** One team paged for an incident, its re-page timer (`due_at`) and its acknowledgement. */
export const incidentPages = pgTable(
  'incident_pages',
  {
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    team: text('team').notNull(),
    level: integer('level').notNull(),
    pages: integer('pages').notNull().default(0),
    lastPagedAt: timestamp('last_paged_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    ackedAt: timestamp('acked_at', { withTimezone: true }),
    ackedBy: text('acked_by'),
    ackedByName: text('acked_by_name'),
  },
  (t) => [
    uniqueIndex('incident_pages_key').on(t.incidentId, t.team),
    index('incident_pages_due_idx').on(t.dueAt).where(sql`due_at is not null`),
  ],
);

/** The shared timeline of an incident, and its audit trail: every page, acknowledgement, note and status. */
export const incidentTimeline = pgTable(
  'incident_timeline',
  {
    id: text('id').primaryKey(),
    /** Orders entries written in one transaction (they share `at`). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    team: text('team'),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    text: text('text').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('incident_timeline_incident_idx').on(t.incidentId, t.at)],
);
