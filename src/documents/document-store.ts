import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { DocumentInfo } from '../protocol/document.ts';
import { documents } from './document.tables.ts';

/** A document to store, its type already sniffed and its name cleaned. */
export type NewDocument = {
  id: string;
  conversationId: string;
  customerId: string;
  clientId: string;
  name: string;
  mediaType: string;
  declaredType: string | null;
  kind: string | null;
  channel: string;
  sha256: string;
  content: Buffer;
  now: Date;
};

type DocumentRow = Omit<typeof documents.$inferSelect, 'content'>;

const { content: _content, ...infoColumns } = getTableColumns(documents);

function toInfo(row: DocumentRow): DocumentInfo {
  return {
    id: row.id,
    conversationId: row.conversationId,
    customerId: row.customerId,
    name: row.name,
    mediaType: row.mediaType,
    size: row.size,
    kind: row.kind,
    channel: row.channel,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

/** Documents in the database (PGlite or PostgreSQL, `bytea`); content is read only for a download. */
export function createDocumentStore(db: Db) {
  return {
    /**
     * Stores a document in the caller's transaction; the same (conversation, clientId) again stores nothing and
     * returns the one already there, with `duplicate`.
     */
    async insert(tx: Db, doc: NewDocument): Promise<{ document: DocumentInfo; duplicate: boolean }> {
      const [row] = await tx
        .insert(documents)
        .values({
          id: doc.id,
          conversationId: doc.conversationId,
          customerId: doc.customerId,
          clientId: doc.clientId,
          name: doc.name,
          mediaType: doc.mediaType,
          declaredType: doc.declaredType,
          size: doc.content.length,
          kind: doc.kind,
          channel: doc.channel,
          sha256: doc.sha256,
          content: doc.content,
          createdAt: doc.now,
        })
        .onConflictDoNothing()
        .returning(infoColumns);
      if (row) return { document: toInfo(row), duplicate: false };
      const [existing] = await tx
        .select(infoColumns)
        .from(documents)
        .where(and(eq(documents.conversationId, doc.conversationId), eq(documents.clientId, doc.clientId)));
      if (!existing) throw new Error(`document ${doc.clientId} neither stored nor found`);
      return { document: toInfo(existing), duplicate: true };
    },

    /** The documents of a conversation, oldest first. */
    async list(conversationId: string): Promise<DocumentInfo[]> {
      const rows = await db
        .select(infoColumns)
        .from(documents)
        .where(eq(documents.conversationId, conversationId))
        .orderBy(asc(documents.createdAt), asc(documents.id));
      return rows.map(toInfo);
    },

    /** The documents of a customer across conversations, oldest first. */
    async listForCustomer(customerId: string): Promise<DocumentInfo[]> {
      const rows = await db
        .select(infoColumns)
        .from(documents)
        .where(eq(documents.customerId, customerId))
        .orderBy(asc(documents.createdAt), asc(documents.id));
      return rows.map(toInfo);
    },

    /** One document with its content, if it belongs to that conversation. */
    async read(conversationId: string, id: string): Promise<{ info: DocumentInfo; content: Buffer } | null> {
      const [row] = await db
        .select()
        .from(documents)
        .where(and(eq(documents.id, id), eq(documents.conversationId, conversationId)));
      return row ? { info: toInfo(row), content: row.content } : null;
    },
  };
}
