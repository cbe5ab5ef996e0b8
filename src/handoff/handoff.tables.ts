import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { conversations } from '../conversations/conversation.tables.ts';

/** Context packages as handed to people: redacted JSON, with the masked originals kept apart. */
export const contextPackages = pgTable(
  'context_packages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    /** 1-based number of this handoff within the conversation. */
    seq: integer('seq').notNull(),
    /** The contract version of `package` (`contextPackageSchema.version`). */
    version: text('version').notNull(),
    package: jsonb('package').$type<Record<string, unknown>>().notNull(),
    /** Token id -> original value; read only through an audited reveal. */
    secrets: jsonb('secrets').$type<Record<string, { type: string; value: string }>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('context_packages_conversation_seq_key').on(t.conversationId, t.seq)],
);

/** Every attempt to see a masked value: who, in what role, which token, why, and whether it was shown. */
export const piiReveals = pgTable(
  'pii_reveals',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    packageId: text('package_id').references(() => contextPackages.id),
    actorId: text('actor_id').notNull(),
    role: text('role').notNull(),
    token: text('token').notNull(),
    piiType: text('pii_type'),
    /** Where the value appears in the package (first occurrence), e.g. transcript[2].text. */
    field: text('field'),
    reason: text('reason').notNull(),
    /** revealed, forbidden, invalid or not_found. */
    outcome: text('outcome').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pii_reveals_conversation_idx').on(t.conversationId, t.createdAt),
    index('pii_reveals_actor_idx').on(t.actorId, t.createdAt),
  ],
);
