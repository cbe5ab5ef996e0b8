import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Every version of a pack: the first one read from disk, then one per approved change. */
export const packVersions = pgTable(
  'pack_versions',
  {
    packId: text('pack_id').notNull(),
    version: integer('version').notNull(),
    /** The pack as a document (`pack.yaml` parsed, `lexicon.yaml`'s sets): what `applyChanges` works on. */
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    /** sha256 of the document, to tell a changed pack on disk. */
    hash: text('hash').notNull(),
    /** `disk` (read at start), `suggestion` (an approved suggestion), `rollback`. */
    source: text('source').notNull(),
    author: text('author').notNull(),
    reason: text('reason').notNull(),
    /** What changed against the version it was made from. */
    diff: jsonb('diff').$type<unknown[]>().notNull(),
    basedOn: integer('based_on'),
    suggestionId: text('suggestion_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.packId, t.version] })],
);

/** Which version of each pack is live, and which one runs in shadow (decisions recorded, not acted on). */
export const packHeads = pgTable('pack_heads', {
  packId: text('pack_id').primaryKey(),
  liveVersion: integer('live_version').notNull(),
  shadowVersion: integer('shadow_version'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Suggestions of the learning engine and what a supervisor decided about them. */
export const suggestions = pgTable(
  'suggestions',
  {
    packId: text('pack_id').notNull(),
    /** Stable: the same proposal made again has the same id (a rejected one is not shown again). */
    id: text('id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** The whole suggestion as the engine made it (evidence, change, predicted effect). */
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    /** `waiting`, `approved` or `rejected`. */
    status: text('status').notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The pack version an approval made. */
    version: integer('version'),
    edited: boolean('edited').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.packId, t.id] }),
    index('suggestions_status_idx').on(t.packId, t.status, t.createdAt),
  ],
);

/** What a shadow version decided on a live customer turn, beside what the live version decided. */
export const shadowDecisions = pgTable(
  'shadow_decisions',
  {
    id: text('id').primaryKey(),
    packId: text('pack_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    turn: integer('turn').notNull(),
    text: text('text').notNull(),
    liveVersion: integer('live_version').notNull(),
    shadowVersion: integer('shadow_version').notNull(),
    live: jsonb('live').$type<Record<string, unknown>>().notNull(),
    shadow: jsonb('shadow').$type<Record<string, unknown>>().notNull(),
    differs: boolean('differs').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('shadow_decisions_pack_idx').on(t.packId, t.shadowVersion, t.createdAt)],
);
