import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** People who sign in to the console: agents, supervisors, admins. */
export const agents = pgTable(
  'agents',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    teams: jsonb('teams').$type<string[]>().notNull().default([]),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    capacity: integer('capacity').notNull().default(3),
    active: boolean('active').notNull().default(true),
    /** Goes up when every open session must end (password or role changed, deactivated, signed out everywhere). */
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agents_email_key').on(t.email)],
);

/** Console tokens signed out one by one (by their `jti`), kept until they would have expired anyway. */
export const revokedTokens = pgTable(
  'revoked_tokens',
  {
    jti: text('jti').primaryKey(),
    agentId: text('agent_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('revoked_tokens_agent_idx').on(t.agentId),
    index('revoked_tokens_expires_idx').on(t.expiresAt),
  ],
);

/** Failed sign-ins per email (known account or not), shared by every instance; a success deletes the row. */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    email: text('email').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_throttles_last_failure_idx').on(t.lastFailureAt)],
);
