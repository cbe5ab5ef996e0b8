import { and, desc, eq, sql } from 'drizzle-orm';
import { auditLog } from '../audit/audit.tables.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { PackDocument } from '../protocol/learning.ts';
import type { PackDiffEntry } from './diff-packs.ts';
import { packHeads, packVersions } from './improve.tables.ts';

/** One version of a pack, without its document. */
export type PackVersionSummary = {
  packId: string;
  version: number;
  hash: string;
  source: string;
  author: string;
  reason: string;
  diff: PackDiffEntry[];
  basedOn: number | null;
  suggestionId: string | null;
  createdAt: string;
};

export type PackHead = {
  packId: string;
  liveVersion: number;
  shadowVersion: number | null;
  updatedAt: string;
};

/** A new version to store. */
export type NewPackVersion = {
  packId: string;
  document: PackDocument;
  hash: string;
  source: 'disk' | 'suggestion' | 'edit' | 'rebase';
  author: string;
  reason: string;
  diff: PackDiffEntry[];
  basedOn: number | null;
  suggestionId?: string | null;
  now: Date;
};

export type AuditEntry = {
  packId: string;
  action: 'version' | 'approve' | 'reject' | 'rollback' | 'shadow' | 'promote' | 'suggest';
  actor: string;
  reason: string | null;
  details: Record<string, unknown>;
  now: Date;
};

type VersionRow = typeof packVersions.$inferSelect;
const toSummary = (r: VersionRow): PackVersionSummary => ({
  packId: r.packId,
  version: r.version,
  hash: r.hash,
  source: r.source,
  author: r.author,
  reason: r.reason,
  diff: r.diff as PackDiffEntry[],
  basedOn: r.basedOn,
  suggestionId: r.suggestionId,
  createdAt: r.createdAt.toISOString(),
});
const toHead = (r: typeof packHeads.$inferSelect): PackHead => ({
  packId: r.packId,
  liveVersion: r.liveVersion,
  shadowVersion: r.shadowVersion,
  updatedAt: r.updatedAt.toISOString(),
});

/** Pack versions, which one is live or in shadow, and the learning loop's audit trail. */
export type PackVersionStore = ReturnType<typeof createPackVersionStore>;

export function createPackVersionStore(db: Db) {
  /** The writes of one change, inside its transaction. */
  const within = (tx: Db) => ({
    db: tx,
    get: (packId: string, version: number) => readVersion(tx, packId, version),
    latestFromDisk: (packId: string) => readLatestFromDisk(tx, packId),
    /** Locks a pack's head row (changes of one pack are serialized); null when the pack has no versions yet. */
    async lockHead(packId: string): Promise<PackHead | null> {
      // A pack without versions has no row to lock yet: instances starting at once meet on this lock instead.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pack-version:${packId}`}))`);
      const [row] = await tx.select().from(packHeads).where(eq(packHeads.packId, packId)).for('update');
      return row ? toHead(row) : null;
    },
    /** Stores a version with the next number and returns it. */
    async insertVersion(input: NewPackVersion): Promise<PackVersionSummary> {
      const [max] = await tx
        .select({ v: sql<number>`coalesce(max(${packVersions.version}), 0)` })
        .from(packVersions)
        .where(eq(packVersions.packId, input.packId));
      const [row] = await tx
        .insert(packVersions)
        .values({
          packId: input.packId,
          version: Number(max?.v ?? 0) + 1,
          document: input.document as unknown as Record<string, unknown>,
          hash: input.hash,
          source: input.source,
          author: input.author,
          reason: input.reason,
          diff: input.diff,
          basedOn: input.basedOn,
          suggestionId: input.suggestionId ?? null,
          createdAt: input.now,
        })
        .returning();
      return toSummary(row!);
    },
    async setLive(packId: string, version: number, now: Date): Promise<void> {
      await tx
        .insert(packHeads)
        .values({ packId, liveVersion: version, shadowVersion: null, updatedAt: now })
        .onConflictDoUpdate({ target: packHeads.packId, set: { liveVersion: version, updatedAt: now } });
    },
    async setShadow(packId: string, version: number | null, now: Date): Promise<void> {
      await tx
        .update(packHeads)
        .set({ shadowVersion: version, updatedAt: now })
        .where(eq(packHeads.packId, packId));
    },
    async audit(entry: AuditEntry): Promise<void> {
      await recordAudit(tx, {
        area: 'packs',
        subject: entry.packId,
        action: entry.action,
        actor: entry.actor,
        reason: entry.reason,
        details: entry.details,
        now: entry.now,
      });
    },
  });

  return {
    within,
    /** Runs writes in one transaction. */
    transaction: <T>(fn: (w: ReturnType<typeof within>) => Promise<T>): Promise<T> =>
      db.transaction((tx) => fn(within(tx as unknown as Db))),

    async heads(): Promise<PackHead[]> {
      return (await db.select().from(packHeads)).map(toHead);
    },

    async head(packId: string): Promise<PackHead | null> {
      const [row] = await db.select().from(packHeads).where(eq(packHeads.packId, packId));
      return row ? toHead(row) : null;
    },

    get: (packId: string, version: number) => readVersion(db, packId, version),

    /** A pack's versions, newest first. */
    async list(packId: string): Promise<PackVersionSummary[]> {
      const rows = await db
        .select()
        .from(packVersions)
        .where(eq(packVersions.packId, packId))
        .orderBy(desc(packVersions.version));
      return rows.map(toSummary);
    },

    latestFromDisk: (packId: string) => readLatestFromDisk(db, packId),

    /** The audit trail of a pack, newest first. */
    async auditTrail(packId: string, limit = 100) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.area, 'packs'), eq(auditLog.subject, packId)))
        .orderBy(desc(auditLog.createdAt))
        .limit(limit);
      return rows.map(({ subject, ...r }) => ({
        ...r,
        packId: subject,
        createdAt: r.createdAt.toISOString(),
      }));
    },
  };
}

/** A version with its document, or null. */
async function readVersion(
  db: Db,
  packId: string,
  version: number,
): Promise<(PackVersionSummary & { document: PackDocument }) | null> {
  const [row] = await db
    .select()
    .from(packVersions)
    .where(and(eq(packVersions.packId, packId), eq(packVersions.version, version)));
  return row ? { ...toSummary(row), document: row.document as unknown as PackDocument } : null;
}

/** The latest version read from disk (to tell whether the file changed since). */
async function readLatestFromDisk(db: Db, packId: string): Promise<PackVersionSummary | null> {
  const [row] = await db
    .select()
    .from(packVersions)
    .where(and(eq(packVersions.packId, packId), eq(packVersions.source, 'disk')))
    .orderBy(desc(packVersions.version))
    .limit(1);
  return row ? toSummary(row) : null;
}
