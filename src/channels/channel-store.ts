import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { conversations, customers } from '../conversations/conversation.tables.ts';
import type { Db } from '../platform/db/database.ts';
import { channelContacts, emailMessages } from './channel.tables.ts';

/** How a conversation reaches its customer outside the web. */
export type ChannelContact = {
  conversationId: string;
  channel: string;
  address: string;
  ours: string;
  subject: string | null;
};

export type ChannelStore = ReturnType<typeof createChannelStore>;

/** Contacts and email threads of the email and SMS channels. */
export function createChannelStore(db: Db) {
  return {
    db,
    /** Remembers a conversation's contact, in the caller's transaction (the one that opens the conversation). */
    async saveContact(tx: Db, contact: ChannelContact, now: Date): Promise<void> {
      await tx
        .insert(channelContacts)
        .values({ ...contact, createdAt: now })
        .onConflictDoNothing();
    },

    /**
     * The external id of the one known customer whose email this is, as their verified identity or an API key set
     * it (merged-away records aside); null when none, or when several customers share it (ambiguous: nobody).
     */
    async customerByVerifiedEmail(address: string): Promise<string | null> {
      const rows = await db
        .select({ externalId: customers.externalId })
        .from(customers)
        .where(
          and(
            sql`lower(${customers.email}) = ${address.toLowerCase()}`,
            eq(customers.emailVerified, true),
            isNotNull(customers.externalId),
            isNull(customers.mergedIntoId),
          ),
        )
        .limit(2);
      return rows.length === 1 ? rows[0]!.externalId : null;
    },

    async getContact(conversationId: string): Promise<ChannelContact | null> {
      const [row] = await db
        .select()
        .from(channelContacts)
        .where(eq(channelContacts.conversationId, conversationId));
      return row
        ? {
            conversationId: row.conversationId,
            channel: row.channel,
            address: row.address,
            ours: row.ours,
            subject: row.subject,
          }
        : null;
    },

    /** Records an email's Message-ID against its conversation (the same id again is ignored). */
    async recordEmail(
      tx: Db,
      messageId: string,
      conversationId: string,
      direction: 'in' | 'out',
      now: Date,
    ): Promise<void> {
      await tx
        .insert(emailMessages)
        .values({ messageId, conversationId, direction, createdAt: now })
        .onConflictDoNothing();
    },

    /** The conversation's email Message-IDs, oldest first, with their direction. */
    async emailThread(conversationId: string): Promise<{ messageId: string; direction: 'in' | 'out' }[]> {
      const rows = await db
        .select({ messageId: emailMessages.messageId, direction: emailMessages.direction })
        .from(emailMessages)
        .where(eq(emailMessages.conversationId, conversationId))
        .orderBy(asc(emailMessages.createdAt));
      return rows.map((r) => ({ messageId: r.messageId, direction: r.direction === 'in' ? 'in' : 'out' }));
    },

    /** The conversation an email with this Message-ID already went to (a second delivery of it). */
    async findEmail(messageId: string): Promise<string | null> {
      const [row] = await db
        .select({ id: emailMessages.conversationId })
        .from(emailMessages)
        .where(eq(emailMessages.messageId, messageId));
      return row?.id ?? null;
    },

    /**
     * The conversation an email replies to: one of the Message-IDs Baton set on what it sent, in a
     * conversation with this customer address that is not closed; null when there is none.
     */
    async findEmailThread(referenced: string[], from: string): Promise<string | null> {
      if (referenced.length === 0) return null;
      const [row] = await db
        .select({ id: emailMessages.conversationId })
        .from(emailMessages)
        .innerJoin(channelContacts, eq(channelContacts.conversationId, emailMessages.conversationId))
        .innerJoin(conversations, eq(conversations.id, emailMessages.conversationId))
        .where(
          and(
            inArray(emailMessages.messageId, referenced.slice(0, 100)),
            eq(emailMessages.direction, 'out'),
            eq(channelContacts.address, from),
            ne(conversations.state, 'closed'),
          ),
        )
        .orderBy(desc(emailMessages.createdAt))
        .limit(1);
      return row?.id ?? null;
    },

    /** The latest conversation, not closed, with this address on this channel to this number of ours. */
    async findOpenConversation(channel: string, address: string, ours: string): Promise<string | null> {
      const [row] = await db
        .select({ id: channelContacts.conversationId })
        .from(channelContacts)
        .innerJoin(conversations, eq(conversations.id, channelContacts.conversationId))
        .where(
          and(
            eq(channelContacts.channel, channel),
            eq(channelContacts.address, address),
            eq(channelContacts.ours, ours),
            ne(conversations.state, 'closed'),
          ),
        )
        .orderBy(desc(conversations.createdAt))
        .limit(1);
      return row?.id ?? null;
    },
  };
}
