import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { conversations } from '../conversations/conversation.tables.ts';

/** How a conversation on a channel other than the web reaches its customer: an email address or a phone number. */
export const channelContacts = pgTable('channel_contacts', {
  conversationId: text('conversation_id')
    .primaryKey()
    .references(() => conversations.id),
  channel: text('channel').notNull(),
  /** The customer's email address or phone number (E.164). */
  address: text('address').notNull(),
  /** Baton's own address the customer wrote to (the email inbox, the SMS number). */
  ours: text('ours').notNull(),
  /** The email thread's subject. */
  subject: text('subject'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every email Message-ID of a conversation, in and out: how a reply finds its thread. */
export const emailMessages = pgTable(
  'email_messages',
  {
    messageId: text('message_id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    /** in: the customer's; out: one Baton set on what it sent. */
    direction: text('direction').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_messages_conversation_idx').on(t.conversationId, t.createdAt)],
);
