import { customType, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { conversations, customers } from '../conversations/conversation.tables.ts';

/** PostgreSQL `bytea` (PGlite and node-postgres both hand it back as bytes). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Files a customer sent (widget upload, email attachment), stored in the database with their sniffed type. */
export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The uploader's id for this file: the same id again is the same upload. */
    clientId: text('client_id').notNull(),
    /** The file name as given, cleaned of paths and control characters. */
    name: text('name').notNull(),
    /** The type read from the content, never the one declared. */
    mediaType: text('media_type').notNull(),
    declaredType: text('declared_type'),
    size: integer('size').notNull(),
    /** The kind of document the bot asked for (`payslip`), when the customer sent it for a request. */
    kind: text('kind'),
    /** Where it came from: web, email, sms. */
    channel: text('channel').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('documents_conversation_client_key').on(t.conversationId, t.clientId),
    index('documents_customer_idx').on(t.customerId, t.createdAt),
  ],
);
