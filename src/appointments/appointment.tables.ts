import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { conversations } from '../conversations/conversation.tables.ts';

/** An appointment a customer has with a team in a place, booked from a conversation (its case). */
export const appointments = pgTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    team: text('team').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location').notNull(),
    /** booked or cancelled. */
    status: text('status').notNull().default('booked'),
    /** Who booked it: an agent (their id) or a bot through the API. */
    bookedBy: text('booked_by').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('appointments_team_start_idx').on(t.team, t.startsAt),
    index('appointments_conversation_idx').on(t.conversationId),
  ],
);
