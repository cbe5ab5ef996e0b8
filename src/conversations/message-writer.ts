import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { AuthorKind, Message } from '../protocol/conversation.ts';

/** One message to append to a conversation's log. */
export type NewMessage = {
  conversationId: string;
  authorKind: AuthorKind;
  authorId: string | null;
  text: string;
  clientMessageId: string | null;
  internal?: boolean;
  metadata?: Record<string, unknown>;
};

/** The result of an append: the durable message, and whether it was already there (a retried clientMessageId). */
export type Appended = { message: Message; duplicate: boolean };

type Pending = { input: NewMessage; resolve: (r: Appended) => void; reject: (e: unknown) => void };

export type MessageWriter = {
  /** Appends durably; resolves once committed, with the message's seq. Idempotent on (conversation, clientMessageId). */
  append: (input: NewMessage) => Promise<Appended>;
  /** Waits for every accepted append to settle. */
  drain: () => Promise<void>;
};

type MessageRow = {
  id: string;
  conversation_id: string;
  seq: number;
  author_kind: string;
  author_id: string | null;
  text: string;
  client_message_id: string | null;
  internal: number;
  metadata: Record<string, unknown>;
  created_at: Date | string;
};

/** Maps a raw messages row to the API type. */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    authorKind: row.author_kind as AuthorKind,
    authorId: row.author_id,
    text: row.text,
    clientMessageId: row.client_message_id,
    internal: Number(row.internal) === 1,
    metadata: row.metadata ?? {},
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Group commit: appends that arrive while a transaction is in flight are written together in the next one
 * (one lock of the conversation rows, one multi-row insert, one commit), so throughput grows with load.
 */
export function createMessageWriter(
  db: Db,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): MessageWriter {
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 1;
  let queue: Pending[] = [];
  let inFlight = 0;
  const settled = new Set<Promise<void>>();

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      inFlight++;
      const p = flush(db, batch).finally(() => {
        inFlight--;
        settled.delete(p);
        pump();
      });
      settled.add(p);
    }
  };

  return {
    append(input) {
      return new Promise<Appended>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        pump();
      });
    },
    async drain() {
      while (settled.size > 0 || queue.length > 0) await Promise.all([...settled]);
    },
  };
}

async function flush(db: Db, batch: Pending[]): Promise<void> {
  try {
    const results = await writeBatch(
      db,
      batch.map((p) => p.input),
    );
    for (const [i, p] of batch.entries()) p.resolve(results[i]!);
  } catch (err) {
    if (batch.length === 1) {
      batch[0]!.reject(err);
      return;
    }
    // One bad append (unknown conversation, a race on a clientMessageId) must not fail the others.
    for (const p of batch) {
      try {
        p.resolve((await writeBatch(db, [p.input]))[0]!);
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

const keyOf = (m: NewMessage) =>
  m.clientMessageId === null ? null : `${m.conversationId}\u0000${m.clientMessageId}`;

async function writeBatch(db: Db, inputs: NewMessage[]): Promise<Appended[]> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const keyed = inputs.filter((m) => m.clientMessageId !== null);
    const existing = new Map<string, Message>();
    if (keyed.length > 0) {
      const rows = await queryRows<MessageRow>(
        t,
        sql`select * from messages where (conversation_id, client_message_id) in (${sql.join(
          keyed.map((m) => sql`(${m.conversationId}, ${m.clientMessageId})`),
          sql`, `,
        )})`,
      );
      for (const row of rows)
        existing.set(`${row.conversation_id}\u0000${row.client_message_id}`, toMessage(row));
    }

    // Which inputs create a new row; a clientMessageId repeated inside the batch maps to its first occurrence.
    const firstIndex = new Map<string, number>();
    const fresh: number[] = [];
    inputs.forEach((m, i) => {
      const key = keyOf(m);
      if (key !== null && (existing.has(key) || firstIndex.has(key))) return;
      if (key !== null) firstIndex.set(key, i);
      fresh.push(i);
    });

    const created = new Map<number, Message>();
    if (fresh.length > 0) {
      const counts = new Map<string, number>();
      for (const i of fresh)
        counts.set(inputs[i]!.conversationId, (counts.get(inputs[i]!.conversationId) ?? 0) + 1);
      const ids = [...counts.keys()].sort();
      // Lock in a fixed order so concurrent batches never deadlock.
      const locked = await queryRows<{ id: string; last_seq: number }>(
        t,
        sql`select id, last_seq from conversations where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) order by id for update`,
      );
      if (locked.length !== ids.length) {
        const found = new Set(locked.map((r) => r.id));
        throw new UnknownConversationError(ids.filter((id) => !found.has(id)));
      }
      const next = new Map(locked.map((r) => [r.id, Number(r.last_seq)]));
      const now = new Date();
      const values = fresh.map((i) => {
        const m = inputs[i]!;
        const seq = next.get(m.conversationId)! + 1;
        next.set(m.conversationId, seq);
        const message: Message = {
          id: newId('msg'),
          conversationId: m.conversationId,
          seq,
          authorKind: m.authorKind,
          authorId: m.authorId,
          text: m.text,
          clientMessageId: m.clientMessageId,
          internal: m.internal ?? false,
          metadata: m.metadata ?? {},
          createdAt: now.toISOString(),
        };
        created.set(i, message);
        return sql`(${message.id}, ${message.conversationId}, ${seq}, ${message.authorKind}, ${message.authorId}, ${message.text}, ${message.clientMessageId}, ${message.internal ? 1 : 0}, ${JSON.stringify(message.metadata)}::jsonb, ${message.createdAt}::timestamptz)`;
      });
      await t.execute(
        sql`insert into messages (id, conversation_id, seq, author_kind, author_id, text, client_message_id, internal, metadata, created_at) values ${sql.join(values, sql`, `)}`,
      );
      await t.execute(
        sql`update conversations as c set last_seq = v.last_seq, updated_at = ${now.toISOString()}::timestamptz from (values ${sql.join(
          [...next.entries()].map(([id, seq]) => sql`(${id}, ${seq}::int)`),
          sql`, `,
        )}) as v(id, last_seq) where c.id = v.id`,
      );
    }

    return inputs.map((m, i) => {
      const own = created.get(i);
      if (own) return { message: own, duplicate: false };
      const key = keyOf(m)!;
      const prior = existing.get(key) ?? created.get(firstIndex.get(key)!);
      return { message: prior!, duplicate: true };
    });
  });
}

/** Appending to a conversation that does not exist. */
export class UnknownConversationError extends Error {
  override name = 'UnknownConversationError';
  constructor(readonly conversationIds: string[]) {
    super(`unknown conversation: ${conversationIds.join(', ')}`);
  }
}
