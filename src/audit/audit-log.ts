import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { agents } from '../agents/agent.tables.ts';
import type { InboxCursor } from '../conversations/inbox-cursor.ts';
import type { Db } from '../platform/db/database.ts';
import type { AuditArea, AuditEntry } from '../protocol/audit.ts';
import { auditLog } from './audit.tables.ts';
import { type ChangeRecord, describeChange, isNoChange } from './describe-change.ts';

/** What is known about a change before it runs: where, what, by whom. */
export type AuditHead = {
  area: AuditArea;
  subject: string;
  action: string;
  actor: string;
  reason?: string | null;
};

/** A change as recorded: the head, the changed fields, and anything else worth keeping. */
export type AuditRecord = AuditHead &
  Partial<ChangeRecord> & { details?: Record<string, unknown>; now: Date };

/** Writes one audit entry with the transaction (or database) the change itself uses. */
export async function recordAudit(db: Db, entry: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    id: randomUUID(),
    area: entry.area,
    subject: entry.subject,
    action: entry.action,
    actor: entry.actor,
    reason: entry.reason ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    details: entry.details ?? {},
    createdAt: entry.now,
  });
}

/** What a change tells the log: its result, the setting before and after, and which fields are secrets. */
export type ChangeOutcome<T> = {
  result: T;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  secrets?: readonly string[];
  details?: Record<string, unknown>;
};

/** Runs settings changes in one transaction with their audit entry. */
export type AuditedChange = <T>(head: AuditHead, run: (tx: Db) => Promise<ChangeOutcome<T>>) => Promise<T>;

/** The audit log of one database: audited changes and the paged list of entries. */
export function createAuditLog(db: Db, now: () => Date) {
  const change: AuditedChange = (head, run) =>
    db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      const outcome = await run(tx);
      const described = describeChange(outcome.before, outcome.after, outcome.secrets);
      // Saving a form without changing anything is not a change worth a line in the log.
      if (!isNoChange(described) || outcome.details)
        await recordAudit(tx, { ...head, ...described, details: outcome.details, now: now() });
      return outcome.result;
    });

  /** Entries newest first, after a cursor, optionally for one area or subject; one more than asked tells a next page. */
  const list = async (query: {
    cursor: InboxCursor | null;
    limit: number;
    area?: AuditArea;
    subject?: string;
  }): Promise<{ entries: AuditEntry[]; last: InboxCursor | null }> => {
    const { cursor } = query;
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        and(
          query.area ? eq(auditLog.area, query.area) : undefined,
          query.subject ? eq(auditLog.subject, query.subject) : undefined,
          cursor
            ? or(
                lt(auditLog.createdAt, cursor.createdAt),
                and(eq(auditLog.createdAt, cursor.createdAt), lt(auditLog.id, cursor.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const actors = [...new Set(page.map((r) => r.actor))];
    const names = new Map(
      actors.length === 0
        ? []
        : (
            await db
              .select({ id: agents.id, name: agents.name })
              .from(agents)
              .where(inArray(agents.id, actors))
          ).map((a) => [a.id, a.name]),
    );
    const tail = page.at(-1);
    return {
      entries: page.map((r) => ({
        ...r,
        area: r.area as AuditArea,
        actorName: names.get(r.actor) ?? null,
        createdAt: r.createdAt.toISOString(),
      })),
      last: rows.length > query.limit && tail ? { createdAt: tail.createdAt, id: tail.id } : null,
    };
  };

  return { change, list };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
