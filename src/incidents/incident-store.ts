import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type {
  Incident,
  IncidentPage,
  IncidentStatus,
  Severity,
  TimelineEntry,
  TimelineKind,
} from '../protocol/incident.ts';
import { incidentPages, incidents, incidentTimeline } from './incident.tables.ts';
import type { PageState } from './plan-pages.ts';

/** A transaction or the database: store calls run inside the use case's transaction. */
type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

/** An incident row without its pages. */
export type IncidentRow = Omit<Incident, 'pages'>;

/** A timeline entry about to be written. */
export type NewTimelineEntry = {
  kind: TimelineKind;
  team?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  text: string;
  data?: Record<string, unknown>;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toIncident(row: typeof incidents.$inferSelect): IncidentRow {
  return {
    id: row.id,
    pack: row.pack,
    type: row.type,
    severity: row.severity as Severity,
    fingerprint: row.fingerprint,
    title: row.title,
    facts: row.facts,
    status: row.status as IncidentStatus,
    policy: row.policy,
    count: row.count,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    ladderLevel: row.ladderLevel,
    resolvedAt: iso(row.resolvedAt),
    summary: row.summary,
  };
}

function toPage(row: typeof incidentPages.$inferSelect, teamName: (team: string) => string): IncidentPage {
  return {
    team: row.team,
    teamName: teamName(row.team),
    level: row.level,
    pages: row.pages,
    lastPagedAt: iso(row.lastPagedAt),
    dueAt: iso(row.dueAt),
    ackedAt: iso(row.ackedAt),
    ackedBy: row.ackedBy,
    ackedByName: row.ackedByName,
  };
}

/** Incidents, their pages and timeline in the database; every write takes the caller's transaction. */
export function createIncidentStore(db: Db, teamName: (pack: string, team: string) => string) {
  const withPages = async (tx: Tx, row: typeof incidents.$inferSelect): Promise<Incident> => {
    const pages = await tx
      .select()
      .from(incidentPages)
      .where(eq(incidentPages.incidentId, row.id))
      .orderBy(asc(incidentPages.level), asc(incidentPages.team));
    return { ...toIncident(row), pages: pages.map((p) => toPage(p, (t) => teamName(row.pack, t))) };
  };

  return {
    db,
    /** Runs a use case's writes in one transaction. */
    transaction: <T>(work: (tx: Tx) => Promise<T>): Promise<T> => db.transaction((tx) => work(tx)),

    /** Inserts a new open incident unless one with its fingerprint is open; null when one is (the caller merges). */
    async insertOpen(
      tx: Tx,
      input: Omit<
        IncidentRow,
        'id' | 'status' | 'count' | 'ladderLevel' | 'resolvedAt' | 'summary' | 'firstSeenAt' | 'lastSeenAt'
      > & {
        source: string | null;
        at: Date;
      },
    ): Promise<Incident | null> {
      const [row] = await tx
        .insert(incidents)
        .values({ ...input, id: newId('inc'), firstSeenAt: input.at, lastSeenAt: input.at })
        .onConflictDoNothing()
        .returning();
      return row ? withPages(tx, row) : null;
    },

    /** The open incident with a fingerprint, locked for the rest of the transaction. */
    async lockOpen(tx: Tx, pack: string, fingerprint: string): Promise<Incident | null> {
      const [row] = await tx
        .select()
        .from(incidents)
        .where(
          and(
            eq(incidents.pack, pack),
            eq(incidents.fingerprint, fingerprint),
            ne(incidents.status, 'resolved'),
          ),
        )
        .for('update');
      return row ? withPages(tx, row) : null;
    },

    /** An incident by id, locked for the rest of the transaction. */
    async lock(tx: Tx, id: string): Promise<Incident | null> {
      const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
      return row ? withPages(tx, row) : null;
    },

    /** An incident by id. */
    async get(id: string): Promise<Incident | null> {
      const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
      return row ? withPages(db, row) : null;
    },

    /** Changes an incident's own fields. */
    async update(
      tx: Tx,
      id: string,
      change: Partial<{
        severity: Severity;
        title: string;
        facts: Record<string, unknown>;
        count: number;
        lastSeenAt: Date;
        status: IncidentStatus;
        policy: string | null;
        ladderLevel: number;
        resolvedAt: Date;
        resolvedBy: string;
        summary: string;
      }>,
    ): Promise<void> {
      await tx.update(incidents).set(change).where(eq(incidents.id, id));
    },

    /** Writes the planner's pages: new teams inserted, the others' counters and timers moved. */
    async savePages(
      tx: Tx,
      incidentId: string,
      pages: readonly PageState[],
      pagedNow: ReadonlySet<string>,
      now: Date,
    ) {
      for (const p of pages) {
        const lastPagedAt = pagedNow.has(p.team) ? now : undefined;
        await tx
          .insert(incidentPages)
          .values({
            incidentId,
            team: p.team,
            level: p.level,
            pages: p.pages,
            dueAt: p.dueAt,
            lastPagedAt: lastPagedAt ?? null,
          })
          .onConflictDoUpdate({
            target: [incidentPages.incidentId, incidentPages.team],
            set: { pages: p.pages, dueAt: p.dueAt, ...(lastPagedAt && { lastPagedAt }) },
          });
      }
    },

    /** Records a team's acknowledgement and stops its timer. */
    async acknowledge(tx: Tx, incidentId: string, team: string, by: { id: string; name: string }, at: Date) {
      await tx
        .update(incidentPages)
        .set({ ackedAt: at, ackedBy: by.id, ackedByName: by.name, dueAt: null })
        .where(and(eq(incidentPages.incidentId, incidentId), eq(incidentPages.team, team)));
    },

    /** Stops every timer of an incident (resolved). */
    async stopTimers(tx: Tx, incidentId: string) {
      await tx.update(incidentPages).set({ dueAt: null }).where(eq(incidentPages.incidentId, incidentId));
    },

    /** Appends entries to an incident's timeline. */
    async append(tx: Tx, incidentId: string, at: Date, entries: readonly NewTimelineEntry[]) {
      if (entries.length === 0) return;
      await tx.insert(incidentTimeline).values(
        entries.map((e) => ({
          id: newId('itl'),
          incidentId,
          at,
          kind: e.kind,
          team: e.team ?? null,
          actorId: e.actorId ?? null,
          actorName: e.actorName ?? null,
          text: e.text,
          data: e.data ?? {},
        })),
      );
    },

    /** An incident's timeline, oldest first. */
    async timeline(incidentId: string): Promise<TimelineEntry[]> {
      const rows = await db
        .select()
        .from(incidentTimeline)
        .where(eq(incidentTimeline.incidentId, incidentId))
        .orderBy(asc(incidentTimeline.at), asc(incidentTimeline.seq));
      return rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        kind: r.kind as TimelineKind,
        team: r.team,
        actorId: r.actorId,
        actorName: r.actorName,
        text: r.text,
      }));
    },

    /** Incidents, newest first: open ones (not resolved), resolved ones, or all; only those paging `teams` when given. */
    async list(filter: {
      status: 'open' | 'resolved' | 'all';
      limit: number;
      teams?: readonly string[];
    }): Promise<Incident[]> {
      const conditions = [
        filter.status === 'open' ? ne(incidents.status, 'resolved') : undefined,
        filter.status === 'resolved' ? eq(incidents.status, 'resolved') : undefined,
        filter.teams
          ? inArray(
              incidents.id,
              db
                .select({ id: incidentPages.incidentId })
                .from(incidentPages)
                .where(inArray(incidentPages.team, [...filter.teams])),
            )
          : undefined,
      ].filter((c) => c !== undefined);
      const rows = await db
        .select()
        .from(incidents)
        .where(and(...conditions))
        .orderBy(desc(incidents.lastSeenAt))
        .limit(filter.limit);
      return Promise.all(rows.map((r) => withPages(db, r)));
    },

    /**
     * Locks up to `limit` unresolved incidents with a page timer due, skipping those another instance holds: the
     * timers of one incident run in one transaction on one instance at a time.
     */
    async lockDue(tx: Tx, now: Date, limit: number): Promise<Incident[]> {
      const ids = await queryRows<{ id: string }>(
        tx as Db,
        sql`select id from incidents
            where status <> 'resolved'
              and exists (select 1 from incident_pages p where p.incident_id = incidents.id and p.due_at <= ${now.toISOString()}::timestamptz)
            order by last_seen_at
            limit ${limit}
            for update skip locked`,
      );
      const out: Incident[] = [];
      for (const { id } of ids) {
        const [row] = await tx.select().from(incidents).where(eq(incidents.id, id));
        if (row) out.push(await withPages(tx, row));
      }
      return out;
    },

    /** Console users online per team, for the given teams (a team nobody is online for is absent). */
    async onlineByTeam(teams: readonly string[], tx: Tx = db): Promise<Record<string, number>> {
      if (teams.length === 0) return {};
      const rows = await queryRows<{ team: string; online: number }>(
        tx as Db,
        sql`select t.team, count(*)::int as online
            from agents a join agent_presence p on p.agent_id = a.id,
                 jsonb_array_elements_text(a.teams) as t(team)
            where a.active and p.status = 'online' and t.team in (${sql.join(
              teams.map((t) => sql`${t}`),
              sql`, `,
            )})
            group by t.team`,
      );
      return Object.fromEntries(rows.map((r) => [r.team, Number(r.online)]));
    },

    /** The active console users in a team. */
    async members(team: string): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from agents where active and teams @> ${JSON.stringify([team])}::jsonb`,
      );
      return rows.map((r) => r.id);
    },
  };
}

/** Incidents in the database. */
export type IncidentStore = ReturnType<typeof createIncidentStore>;
/** The transaction handle store writes take. */
export type IncidentTx = Tx;
