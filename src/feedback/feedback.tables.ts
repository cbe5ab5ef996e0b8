import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The customer's satisfaction rating of one conversation (one per conversation; replaceable for 24 h). */
export const csatRatings = pgTable(
  'csat_ratings',
  {
    conversationId: text('conversation_id').primaryKey(),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    /** `bot_only`, `bot_then_human` or `human_only`, decided when the rating is given. */
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('csat_ratings_created_idx').on(t.createdAt)],
);

/** An agent's verdict on a handoff: was a person needed, and was the stated reason right (policy ground truth). */
export const handoffLabels = pgTable(
  'handoff_labels',
  {
    conversationId: text('conversation_id').primaryKey(),
    agentId: text('agent_id').notNull(),
    needed: boolean('needed').notNull(),
    reasonCorrect: boolean('reason_correct').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('handoff_labels_created_idx').on(t.createdAt)],
);
