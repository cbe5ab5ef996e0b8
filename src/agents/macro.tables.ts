import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Canned replies agents insert in the console; `team` null means every team. */
export const macros = pgTable(
  'macros',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    team: text('team'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('macros_team_idx').on(t.team)],
);
