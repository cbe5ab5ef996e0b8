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
  /**
   * A customer's message the bot owes an answer while it holds the conversation (bot, queued, or resolved and
   * about to reopen): it moves the conversation's `bot_due_seq`. Any other customer message (an import, or one
   * written while an agent holds the conversation) moves `bot_done_seq` with it instead.
   */
  awaitsBot?: boolean;
};

/** The result of an append: the durable message, and whether it was already there (a retried clientMessageId). */
export type Appended = {
  message: Message;
  duplicate: boolean;
  /** The conversation's state when the message was written (read under the same lock). */
  conversationState: string;
};

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
 * Group commit: appends that arrive while a write is in flight are written together in the next one
 * (one statement: lock the conversation rows, multi-row insert, one commit), so throughput grows with load.
 */
export function createMessageWriter(
  db: Db,
  options: { maxBatch?: number; maxInFlight?: number; now?: () => Date } = {},
): MessageWriter {
  const clock = options.now ?? (() => new Date());
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 1;
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;
  const settled = new Set<Promise<void>>();

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      inFlight++;
      const p = flush(db, batch, clock).finally(() => {
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
        // Flush after the frames already read in this turn of the event loop have queued theirs: on an
        // in-process database (PGlite) every request otherwise runs to completion alone, one row per write.
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            pump();
          });
        }
      });
    },
    async drain() {
      while (settled.size > 0 || queue.length > 0) {
        if (settled.size > 0) await Promise.all([...settled]);
        else await new Promise((r) => setImmediate(r));
      }
    },
  };
}

/**
 * Appends messages on a transaction the caller owns (no group commit), so they commit or roll back with the
 * rest of its change; throws UnknownConversationError or ConversationClosedError instead of writing.
 */
export async function appendWithin(tx: Db, inputs: NewMessage[], clock: () => Date): Promise<Appended[]> {
  if (inputs.length === 0) return [];
  const outcomes = await writeBatch(tx, inputs, clock);
  return outcomes.map((outcome) => {
    if (outcome instanceof Error) throw outcome;
    return outcome;
  });
}

async function flush(db: Db, batch: Pending[], clock: () => Date): Promise<void> {
  try {
    const outcomes = await writeBatch(
      db,
      batch.map((p) => p.input),
      clock,
    );
    for (const [i, p] of batch.entries()) settle(p, outcomes[i]!);
  } catch (err) {
    if (batch.length === 1 && !isUniqueViolation(err)) {
      batch[0]!.reject(err);
      return;
    }
    // One bad input must not fail the others, and a clientMessageId that a concurrent write committed after
    // this statement's snapshot is found by a new statement: write each alone.
    for (const p of batch) await writeAlone(db, p, clock);
  }
}

/**
 * Appends one message inside the caller's transaction (which may already hold the conversation's row lock), so
 * the message commits with the change it records. The caller publishes it after the commit.
 */
export async function appendInTransaction(tx: Db, input: NewMessage, now: Date): Promise<Message> {
  const outcome = (await writeBatch(tx, [input], () => now))[0]!;
  if (outcome instanceof Error) throw outcome;
  return outcome.message;
}

/** Writes one append; retries on a unique violation, which means a concurrent write of its clientMessageId committed. */
async function writeAlone(db: Db, p: Pending, clock: () => Date): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      settle(p, (await writeBatch(db, [p.input], clock))[0]!);
      return;
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err)) {
        p.reject(err);
        return;
      }
    }
  }
}

/** PostgreSQL's unique_violation, raised only after the conflicting transaction committed. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

type Outcome = Appended | UnknownConversationError | ConversationClosedError;

const settle = (p: Pending, outcome: Outcome) =>
  outcome instanceof Error ? p.reject(outcome) : p.resolve(outcome);

const keyOf = (conversationId: string, clientMessageId: string | null) =>
  clientMessageId === null ? null : `${conversationId}\u0000${clientMessageId}`;

type BatchRow =
  | { kind: 'new'; ord: number; seq: number; row: null }
  | { kind: 'prior'; ord: null; seq: null; row: MessageRow }
  | { kind: 'locked'; ord: null; seq: null; row: { id: string; state: string; customer_id: string } };

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone UTF-16 surrogates with U+FFFD, as a UTF-8 encoder does: jsonb refuses them escaped. */
const wellFormed = (s: string) => s.replace(loneSurrogate, '\uFFFD');

/**
 * One statement, one round trip, committed on its own: lock the batch's conversations in id order, find the
 * client ids already stored, number the new messages after each conversation's last seq, insert them and
 * move last_seq. A clientMessageId repeated inside the batch maps to its first occurrence.
 */
async function writeBatch(db: Db, given: NewMessage[], clock: () => Date): Promise<Outcome[]> {
  const inputs = given.map((m) => ({
    ...m,
    conversationId: wellFormed(m.conversationId),
    authorId: m.authorId === null ? null : wellFormed(m.authorId),
    text: wellFormed(m.text),
    clientMessageId: m.clientMessageId === null ? null : wellFormed(m.clientMessageId),
  }));
  const now = clock().toISOString();
  const ids = inputs.map(() => newId('msg'));
  const input = JSON.stringify(
    inputs.map((m, i) => ({
      ord: i,
      id: ids[i],
      conversation_id: m.conversationId,
      author_kind: m.authorKind,
      author_id: m.authorId,
      text: m.text,
      client_message_id: m.clientMessageId,
      internal: m.internal ? 1 : 0,
      metadata: m.metadata ?? {},
      awaits_bot: m.awaitsBot === true,
    })),
  );
  const rows = await queryRows<BatchRow>(
    db,
    sql`with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as t(
        ord int, id text, conversation_id text, author_kind text, author_id text, text text,
        client_message_id text, internal int, metadata jsonb, awaits_bot boolean
      )
    ),
    locked as (
      select c.id, c.last_seq, c.state, c.customer_id from conversations c
      where c.id = any (array(select distinct conversation_id from input))
      order by c.id
      for update
    ),
    prior as (
      select m.* from messages m
      join input i on m.conversation_id = i.conversation_id and m.client_message_id = i.client_message_id
    ),
    fresh as (
      select i.*, (l.last_seq + row_number() over (partition by i.conversation_id order by i.ord))::int as seq,
        coalesce(i.author_id, case when i.author_kind = 'customer' then l.customer_id end) as author,
        (i.awaits_bot and l.state in ('bot', 'queued', 'resolved')) as owed
      from input i join locked l on l.id = i.conversation_id
      where l.state <> 'closed' and (i.client_message_id is null or (
        not exists (
          select 1 from prior p
          where p.conversation_id = i.conversation_id and p.client_message_id = i.client_message_id
        )
        and i.ord = (
          select min(j.ord) from input j
          where j.conversation_id = i.conversation_id and j.client_message_id = i.client_message_id
        )
      ))
    ),
    inserted as (
      insert into messages (id, conversation_id, seq, author_kind, author_id, text, client_message_id, internal, metadata, created_at)
      select id, conversation_id, seq, author_kind, author, text, client_message_id, internal, metadata, ${now}::timestamptz
      from fresh
      returning 1
    ),
    bumped as (
      update conversations as c set last_seq = f.seq, updated_at = ${now}::timestamptz,
        bot_due_seq = greatest(c.bot_due_seq, f.customer_seq), bot_done_seq = greatest(c.bot_done_seq, f.unowed_seq)
      from (
        select conversation_id, max(seq) as seq,
          coalesce(max(seq) filter (where author_kind = 'customer'), 0) as customer_seq,
          coalesce(max(seq) filter (where author_kind = 'customer' and not owed), 0) as unowed_seq
        from fresh group by conversation_id
      ) as f
      where c.id = f.conversation_id
      returning 1
    )
    select 'new' as kind, ord, seq, null::jsonb as row from fresh
    union all select 'prior', null, null, to_jsonb(p) from prior p
    union all select 'locked', null, null, jsonb_build_object('id', l.id, 'state', l.state, 'customer_id', l.customer_id)
      from locked l`,
  );

  const locked = new Map<string, { state: string; customerId: string }>();
  const byKey = new Map<string, Message>();
  const created = new Map<number, Message>();
  for (const r of rows) {
    if (r.kind === 'locked') locked.set(r.row.id, { state: r.row.state, customerId: r.row.customer_id });
  }
  for (const r of rows) {
    if (r.kind === 'locked') continue;
    if (r.kind === 'prior')
      byKey.set(keyOf(r.row.conversation_id, r.row.client_message_id)!, toMessage(r.row));
    else {
      const ord = Number(r.ord);
      const m = inputs[ord]!;
      const message: Message = {
        id: ids[ord]!,
        conversationId: m.conversationId,
        seq: Number(r.seq),
        authorKind: m.authorKind,
        authorId:
          m.authorId ??
          (m.authorKind === 'customer' ? (locked.get(m.conversationId)?.customerId ?? null) : null),
        text: m.text,
        clientMessageId: m.clientMessageId,
        internal: m.internal ?? false,
        metadata: m.metadata ?? {},
        createdAt: now,
      };
      created.set(ord, message);
      const key = keyOf(m.conversationId, m.clientMessageId);
      if (key !== null) byKey.set(key, message);
    }
  }
  return inputs.map((m, i) => {
    const conversation = locked.get(m.conversationId);
    if (!conversation) return new UnknownConversationError([m.conversationId]);
    const own = created.get(i);
    if (own) return { message: own, duplicate: false, conversationState: conversation.state };
    const prior = keyOf(m.conversationId, m.clientMessageId);
    const message = prior === null ? undefined : byKey.get(prior);
    if (!message) return new ConversationClosedError(m.conversationId);
    return { message, duplicate: true, conversationState: conversation.state };
  });
}

/** Appending a new message to a closed conversation. */
export class ConversationClosedError extends Error {
  override name = 'ConversationClosedError';
  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} is closed`);
  }
}

/** Appending to a conversation that does not exist. */
export class UnknownConversationError extends Error {
  override name = 'UnknownConversationError';
  constructor(readonly conversationIds: string[]) {
    super(`unknown conversation: ${conversationIds.join(', ')}`);
  }
}
