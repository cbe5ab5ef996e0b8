import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every merge of two customer records found to be one person: who, why, and what moved. */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: text('id').primaryKey(),
    /** The customer that remains and now holds both timelines. */
    targetId: text('target_id').notNull(),
    /** The customer merged away (kept, pointing at the target). */
    sourceId: text('source_id').notNull(),
    agentId: text('agent_id').notNull(),
    reason: text('reason').notNull(),
    /** The source's profile before the merge, so the audit shows what was folded in. */
    sourceProfile: jsonb('source_profile').$type<Record<string, unknown>>().notNull(),
    movedConversations: integer('moved_conversations').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('customer_merges_target_idx').on(t.targetId),
    index('customer_merges_source_idx').on(t.sourceId),
  ],
);
