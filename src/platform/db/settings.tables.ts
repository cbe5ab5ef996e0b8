import { pgTable, text } from 'drizzle-orm/pg-core';

/** Instance-wide settings shared by every instance on the same database (e.g. the token secret). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
