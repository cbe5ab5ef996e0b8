import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { createConversationStore } from '../conversations/conversation-store.ts';
import type { Database } from '../platform/db/database.ts';
import { createDocumentStore, type DocumentStore } from './document-store.ts';

const at = new Date(Date.UTC(2026, 2, 1, 10, 0));

describe.each(engines)('document store on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: DocumentStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createDocumentStore(database.db);
  });
  afterAll(async () => {
    await cleanup();
  });

  const newDoc = (conversationId: string, customerId: string, clientId: string, content: Buffer) => ({
    id: `doc_${clientId}_${conversationId.slice(-6)}`,
    conversationId,
    customerId,
    clientId,
    name: 'scan.bin',
    mediaType: 'image/png',
    declaredType: 'application/pdf',
    kind: 'payslip',
    channel: 'web',
    sha256: 'x',
    content,
    now: at,
  });

  it('keeps every byte, lists without content, and stores a repeated upload once', async () => {
    const { conversation, customer } = await createConversationStore(database.db).createConversation({
      pack: 'bank',
      channel: 'web',
      customer: {},
      now: at,
    });
    // Every byte value, NULs included, and more than one page of data.
    const content = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(300_000),
    ]);
    const first = await store.insert(database.db, newDoc(conversation.id, customer.id, 'a', content));
    expect(first.duplicate).toBe(false);
    expect(first.document.size).toBe(content.length);
    const again = await store.insert(database.db, {
      ...newDoc(conversation.id, customer.id, 'a', Buffer.from('other')),
      id: 'doc_other',
    });
    expect(again).toMatchObject({ duplicate: true, document: { id: first.document.id } });

    const read = await store.read(conversation.id, first.document.id);
    expect(read?.content.equals(content)).toBe(true);
    expect(await store.read('conv_other', first.document.id)).toBeNull();
    const listed = await store.list(conversation.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('content');
    expect(await store.listForCustomer(customer.id)).toEqual(listed);
  });
});
