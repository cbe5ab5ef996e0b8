import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { type LiveChange, liveWindows } from './live-windows.ts';
import type { PackVersionStore } from './pack-version-store.ts';
import type { SuggestionStore } from './suggestion-store.ts';

/** What one live version did: conversations started while it was live, handoffs, needless ones, CSAT by path. */
export type VersionEffect = {
  version: number;
  from: string;
  to: string | null;
  conversations: number;
  handedOff: number;
  handoffRate: number | null;
  /** Handoffs labelled "no person was needed" (an agent's label, else an inferred one). */
  needless: number;
  needlessRate: number | null;
  csat: { path: string; count: number; average: number | null }[];
};

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

/** The Improve dashboard: the queue per week and the measured effect of each live version. */
export async function improveFigures(
  deps: { db: Db; versions: PackVersionStore; suggestions: SuggestionStore },
  packId: string,
) {
  const audit = await deps.versions.auditTrail(packId, 1000);
  const changes: LiveChange[] = audit.flatMap((a) => {
    const d = a.details as { version?: number; to?: number };
    const version =
      a.action === 'rollback'
        ? d.to
        : a.action === 'version' || a.action === 'approve'
          ? d.version
          : undefined;
    return typeof version === 'number' ? [{ at: a.createdAt, version }] : [];
  });
  const effects: VersionEffect[] = [];
  for (const w of liveWindows(changes)) {
    const until = w.to ?? '9999-12-31T00:00:00Z';
    const [row] = await queryRows<{ conversations: number; handed_off: number; needless: number }>(
      deps.db,
      sql`select count(*) as conversations,
            count(*) filter (where c.assigned_at is not null or c.queued_at is not null) as handed_off,
            count(*) filter (where (c.assigned_at is not null or c.queued_at is not null) and (h.needed = false
              or (h.conversation_id is null and exists (select 1 from inferred_labels l
                  where l.conversation_id = c.id and l.needed = false)))) as needless
          from conversations c left join handoff_labels h on h.conversation_id = c.id
          where c.pack = ${packId} and c.created_at >= ${w.from} and c.created_at < ${until}`,
    );
    const csat = await queryRows<{ path: string; count: number; average: number | null }>(
      deps.db,
      sql`select r.path, count(*) as count, avg(r.rating)::float as average
          from csat_ratings r join conversations c on c.id = r.conversation_id
          where c.pack = ${packId} and c.created_at >= ${w.from} and c.created_at < ${until}
          group by r.path order by r.path`,
    );
    const conversations = Number(row?.conversations ?? 0);
    const handedOff = Number(row?.handed_off ?? 0);
    const needless = Number(row?.needless ?? 0);
    effects.push({
      ...w,
      conversations,
      handedOff,
      handoffRate: rate(handedOff, conversations),
      needless,
      needlessRate: rate(needless, handedOff),
      csat: csat.map((c) => ({
        path: c.path,
        count: Number(c.count),
        average: c.average === null ? null : Number(c.average),
      })),
    });
  }
  const weekly = await deps.suggestions.weekly(packId);
  const waiting = (await deps.suggestions.list(packId, 'waiting')).length;
  return { waiting, weekly, versions: effects };
}
