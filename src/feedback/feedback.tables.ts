import { boolean, index, integer, pgTable, primaryKey, real, text, timestamp } from 'drizzle-orm/pg-core';

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
    /** The conversation went to the right team (null: not answered). */
    teamCorrect: boolean('team_correct'),
    /** The team it should have gone to, when the agent named one. */
    rightTeam: text('right_team'),
    /** A person should have come in earlier than the handoff did. */
    earlier: boolean('earlier'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('handoff_labels_created_idx').on(t.createdAt)],
);

/**
 * A label inferred from what happened (a transfer, a one-reply macro answer, a re-contact, a low rating, an
 * abandoned flow), one per conversation and source; an agent's label beats these.
 */
export const inferredLabels = pgTable(
  'inferred_labels',
  {
    conversationId: text('conversation_id').notNull(),
    /** What it was inferred from: `transfer`, `macro_reply`, `asked_for_person`, `recontact`, `low_csat`, `abandoned`. */
    source: text('source').notNull(),
    pack: text('pack').notNull(),
    needed: boolean('needed'),
    teamCorrect: boolean('team_correct'),
    rightTeam: text('right_team'),
    earlier: boolean('earlier'),
    /** How far the inference can be trusted, 0..1. */
    strength: real('strength').notNull(),
    evidence: text('evidence').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.source] }),
    index('inferred_labels_pack_idx').on(t.pack, t.createdAt),
  ],
);
