import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { type ContextPackage, contextPackageSchema, type PiiType } from '../protocol/context-package.ts';
import { contextPackages, piiReveals } from './handoff.tables.ts';
import type { PiiSecrets } from './redact-pii.ts';
import { decideReveal, defaultRevealRoles, type RevealSource } from './reveal.ts';

/** A saved package (redacted); the secrets never leave the store except through `reveal`. */
export type StoredContextPackage = {
  id: string;
  conversationId: string;
  seq: number;
  version: string;
  package: ContextPackage;
  createdAt: string;
};

/** One audited reveal attempt. */
export type PiiRevealRecord = {
  conversationId: string;
  packageId: string | null;
  actorId: string;
  role: string;
  token: string;
  type: string | null;
  field: string | null;
  reason: string;
  outcome: 'revealed' | 'forbidden' | 'invalid' | 'not_found';
  at: string;
};

/** Who asks to see a masked value, and why. */
export type RevealInput = {
  conversationId: string;
  token: string;
  actor: { id: string; role: string };
  reason: string;
  now: Date;
  /** Which handoff's package; the latest by default. */
  seq?: number;
};

export type ContextPackageStore = ReturnType<typeof createContextPackageStore>;

type PackageRow = typeof contextPackages.$inferSelect;
const SAVE_ATTEMPTS = 5;

function toStored(row: PackageRow): StoredContextPackage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    version: row.version,
    package: row.package as ContextPackage,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stores redacted context packages and reveals masked values to allowed roles, recording every attempt. */
export function createContextPackageStore(db: Db, options: { revealRoles?: readonly string[] } = {}) {
  const allowedRoles = options.revealRoles ?? defaultRevealRoles;

  const latestRow = async (conversationId: string, seq?: number) => {
    const [row] = await db
      .select()
      .from(contextPackages)
      .where(
        seq === undefined
          ? eq(contextPackages.conversationId, conversationId)
          : and(eq(contextPackages.conversationId, conversationId), eq(contextPackages.seq, seq)),
      )
      .orderBy(desc(contextPackages.seq))
      .limit(1);
    return row;
  };

  return {
    /** Saves an already redacted package and its secrets as the conversation's next handoff. */
    async save(input: {
      package: ContextPackage;
      secrets: PiiSecrets;
      now: Date;
    }): Promise<StoredContextPackage> {
      const pkg = contextPackageSchema.parse(input.package);
      // Two saves for one conversation may race for the same seq: the loser takes the next one.
      for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
        const [top] = await db
          .select({ seq: max(contextPackages.seq) })
          .from(contextPackages)
          .where(eq(contextPackages.conversationId, pkg.conversationId));
        const [row] = await db
          .insert(contextPackages)
          .values({
            id: newId('ctx'),
            conversationId: pkg.conversationId,
            seq: (top?.seq ?? 0) + 1,
            version: pkg.version,
            package: pkg,
            secrets: input.secrets,
            createdAt: input.now,
          })
          .onConflictDoNothing()
          .returning();
        if (row) return toStored(row);
      }
      return fail('CONFLICT', `could not store the context package for ${pkg.conversationId}`);
    },

    /** The conversation's latest package (or the one of handoff `seq`), without secrets. */
    async get(conversationId: string, seq?: number): Promise<StoredContextPackage | null> {
      const row = await latestRow(conversationId, seq);
      return row ? toStored(row) : null;
    },

    /** Every package of a conversation, oldest first. */
    async list(conversationId: string): Promise<StoredContextPackage[]> {
      const rows = await db
        .select()
        .from(contextPackages)
        .where(eq(contextPackages.conversationId, conversationId))
        .orderBy(asc(contextPackages.seq));
      return rows.map(toStored);
    },

    /** Shows one masked value to an allowed role; records the attempt either way; FORBIDDEN for other roles. */
    async reveal(
      input: RevealInput,
    ): Promise<{ token: string; type: PiiType; value: string; paths: string[] }> {
      const request = { role: input.actor.role, token: input.token, reason: input.reason, allowedRoles };
      // A refused role is turned away before the package is even read.
      const forbidden = !allowedRoles.includes(input.actor.role);
      const row = forbidden ? undefined : await latestRow(input.conversationId, input.seq);
      const source: RevealSource = row
        ? { secrets: row.secrets as PiiSecrets, redactions: (row.package as ContextPackage).redactions ?? [] }
        : null;
      const outcome = decideReveal(request, source);
      await db.insert(piiReveals).values({
        id: newId('rev'),
        conversationId: input.conversationId,
        packageId: row?.id ?? null,
        actorId: input.actor.id,
        role: input.actor.role,
        token: input.token,
        piiType: outcome.kind === 'revealed' ? outcome.type : null,
        field: outcome.kind === 'revealed' ? (outcome.paths[0] ?? null) : null,
        reason: input.reason,
        outcome: outcome.kind === 'revealed' ? 'revealed' : outcome.outcome,
        createdAt: input.now,
      });
      if (outcome.kind === 'refused') return fail(outcome.code, outcome.message);
      return { token: outcome.token, type: outcome.type, value: outcome.value, paths: outcome.paths };
    },

    /** The reveal audit of a conversation, oldest first. */
    async listReveals(conversationId: string): Promise<PiiRevealRecord[]> {
      const rows = await db
        .select()
        .from(piiReveals)
        .where(eq(piiReveals.conversationId, conversationId))
        .orderBy(asc(piiReveals.createdAt), asc(piiReveals.id));
      return rows.map((r) => ({
        conversationId: r.conversationId,
        packageId: r.packageId,
        actorId: r.actorId,
        role: r.role,
        token: r.token,
        type: r.piiType,
        field: r.field,
        reason: r.reason,
        outcome: r.outcome as PiiRevealRecord['outcome'],
        at: r.createdAt.toISOString(),
      }));
    },
  };
}
