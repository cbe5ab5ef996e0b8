import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { Alert, RecentHandoff } from '../protocol/analytics.ts';
import { alerts, analyticsEvents } from './analytics.tables.ts';
import type { EventRow } from './describe-conversation.ts';
import type { SpikeBucket } from './detect-spike.ts';
import type { AnalyticsRows } from './summarize-analytics.ts';

/** An event to record (see analytics.tables.ts). */
export type NewAnalyticsEvent = Omit<EventRow, 'at'> & { at: Date; pack: string };

const ms = (x: Date | string | null) => (x === null ? null : new Date(x).getTime());
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Analytics rows on PGlite or PostgreSQL: the event log, the summary's inputs, spike counts, alerts, gauges. */
export type AnalyticsStore = ReturnType<typeof createAnalyticsStore>;

export function createAnalyticsStore(db: Db) {
  const cohort = (range: { from: Date; to: Date; pack: string | null }): SQL =>
    sql`c.created_at >= ${ts(range.from)} and c.created_at < ${ts(range.to)}${
      range.pack ? sql` and c.pack = ${range.pack}` : sql``
    }`;

  return {
    async recordEvent(event: NewAnalyticsEvent): Promise<void> {
      await db.insert(analyticsEvents).values({ id: newId('aev'), ...event });
    },

    /** The rows the summary of conversations started in [from, to) needs. */
    async loadRows(range: { from: Date; to: Date; pack: string | null }): Promise<AnalyticsRows> {
      const where = cohort(range);
      const [conversations, events, estimates, csat, labels] = await Promise.all([
        queryRows<{
          id: string;
          pack: string;
          state: string;
          created_at: Date | string;
        }>(db, sql`select c.id, c.pack, c.state, c.created_at from conversations c where ${where}`),
        queryRows<{
          conversation_id: string;
          type: string;
          at: Date | string;
          team: string | null;
          priority: string | null;
          agent_id: string | null;
          from_state: string | null;
          seq: number;
          rule: string | null;
          detectors: string[] | null;
          intent: string | null;
        }>(
          db,
          sql`select e.conversation_id, e.type, e.at, e.team, e.priority, e.agent_id, e.from_state, e.seq,
                     e.rule, e.detectors, e.intent
              from analytics_events e join conversations c on c.id = e.conversation_id where ${where}`,
        ),
        queryRows<{ conversation_id: string; seq: number; estimate: string }>(
          db,
          sql`select m.conversation_id, m.seq, m.metadata->>'estimatedWaitSeconds' as estimate
              from messages m join conversations c on c.id = m.conversation_id
              where ${where} and m.author_kind = 'system' and m.metadata->>'event' = 'queued'
                and jsonb_typeof(m.metadata->'estimatedWaitSeconds') = 'number'`,
        ),
        queryRows<{ conversation_id: string; rating: number; path: string }>(
          db,
          sql`select r.conversation_id, r.rating, r.path from csat_ratings r
              join conversations c on c.id = r.conversation_id where ${where}`,
        ),
        queryRows<{ conversation_id: string; needed: boolean; reason_correct: boolean }>(
          db,
          sql`select l.conversation_id, l.needed, l.reason_correct from handoff_labels l
              join conversations c on c.id = l.conversation_id where ${where}`,
        ),
      ]);
      return {
        conversations: conversations.map((c) => ({
          id: c.id,
          pack: c.pack,
          state: c.state,
          createdAt: ms(c.created_at)!,
        })),
        events: events.map((e) => ({
          conversationId: e.conversation_id,
          type: e.type,
          at: ms(e.at)!,
          team: e.team,
          priority: e.priority,
          agentId: e.agent_id,
          fromState: e.from_state,
          seq: Number(e.seq),
          rule: e.rule,
          detectors: e.detectors ?? [],
          intent: e.intent,
        })),
        estimates: estimates.map((e) => ({
          conversationId: e.conversation_id,
          seq: Number(e.seq),
          estimatedWaitSeconds: Number(e.estimate),
        })),
        csat: csat.map((r) => ({
          conversationId: r.conversation_id,
          rating: Number(r.rating),
          path: r.path,
        })),
        labels: labels.map((l) => ({
          conversationId: l.conversation_id,
          needed: l.needed,
          reasonCorrect: l.reason_correct,
        })),
      };
    },

    /** Conversations started and handoffs (by rule and intent) per bucket of `bucketMs`, in [since, until). */
    async spikeBuckets(since: Date, until: Date, bucketMs: number): Promise<SpikeBucket[]> {
      const bucketOf = (column: SQL) =>
        sql`floor(extract(epoch from ${column}) * 1000 / ${bucketMs})::bigint`;
      const [started, handoffs] = await Promise.all([
        queryRows<{ b: string | number; n: string | number }>(
          db,
          sql`select ${bucketOf(sql`created_at`)} as b, count(*) as n from conversations
              where created_at >= ${ts(since)} and created_at < ${ts(until)} group by 1`,
        ),
        queryRows<{ b: string | number; rule: string | null; intent: string | null; n: string | number }>(
          db,
          sql`select ${bucketOf(sql`at`)} as b, rule, intent, count(*) as n from analytics_events
              where type = 'handoff' and at >= ${ts(since)} and at < ${ts(until)} group by 1, 2, 3`,
        ),
      ]);
      const buckets = new Map<number, SpikeBucket>();
      const first = Math.floor(since.getTime() / bucketMs);
      const last = Math.ceil(until.getTime() / bucketMs);
      for (let b = first; b < last; b++)
        buckets.set(b, { start: b * bucketMs, conversations: 0, handoffs: 0, byRule: {}, byIntent: {} });
      for (const r of started) {
        const bucket = buckets.get(Number(r.b));
        if (bucket) bucket.conversations += Number(r.n);
      }
      for (const r of handoffs) {
        const bucket = buckets.get(Number(r.b));
        if (!bucket) continue;
        const n = Number(r.n);
        bucket.handoffs += n;
        const rule = r.rule ?? 'unknown';
        bucket.byRule[rule] = (bucket.byRule[rule] ?? 0) + n;
        if (r.intent) bucket.byIntent[r.intent] = (bucket.byIntent[r.intent] ?? 0) + n;
      }
      return [...buckets.values()];
    },

    async openAlert(kind: string): Promise<Alert | null> {
      const [row] = await db
        .select()
        .from(alerts)
        .where(and(eq(alerts.kind, kind), isNull(alerts.clearedAt)));
      return row ? toAlert(row) : null;
    },

    /** Opens an alert unless one of its kind is open (another instance may have raised it): null then. */
    async raiseAlert(input: {
      kind: string;
      level: Alert['level'];
      text: string;
      details: Record<string, unknown>;
      now: Date;
    }): Promise<Alert | null> {
      const [row] = await db
        .insert(alerts)
        .values({
          id: newId('alert'),
          kind: input.kind,
          level: input.level,
          text: input.text,
          details: input.details,
          raisedAt: input.now,
          lastSeenAt: input.now,
        })
        .onConflictDoNothing()
        .returning();
      return row ? toAlert(row) : null;
    },

    async touchAlert(id: string, now: Date, details: Record<string, unknown>): Promise<void> {
      await db.update(alerts).set({ lastSeenAt: now, details }).where(eq(alerts.id, id));
    },

    async clearAlert(id: string, now: Date): Promise<void> {
      await db.update(alerts).set({ clearedAt: now }).where(eq(alerts.id, id));
    },

    /** The latest bot turns that decided a handoff or an offer of a person, newest first, with the conversation's state now. */
    async listRecentHandoffs(limit: number, pack: string | null): Promise<RecentHandoff[]> {
      const rows = await queryRows<{
        conversation_id: string;
        pack: string;
        turn: number;
        decision_kind: string;
        team: string | null;
        priority: string | null;
        rule: string | null;
        risk: string | number | null;
        reasons: unknown;
        intent: string | null;
        state: string;
        created_at: Date | string;
      }>(
        db,
        sql`select t.conversation_id, t.pack, t.turn, t.decision_kind, t.decision->>'team' as team,
                   t.decision->>'priority' as priority, t.decision->>'rule' as rule,
                   t.decision->>'risk' as risk, t.decision->'reasons' as reasons,
                   coalesce(t.bot_turn->>'intent', t.bot_turn->>'topic') as intent, c.state, t.created_at
            from bot_turns t join conversations c on c.id = t.conversation_id
            where t.decision_kind in ('handoff', 'offer')${pack ? sql` and t.pack = ${pack}` : sql``}
            order by t.created_at desc, t.conversation_id, t.turn desc
            limit ${limit}`,
      );
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        pack: r.pack,
        turn: Number(r.turn),
        kind: r.decision_kind === 'offer' ? 'offer' : 'handoff',
        team: r.team,
        priority: r.priority,
        rule: r.rule,
        risk: r.risk === null || Number.isNaN(Number(r.risk)) ? null : Number(r.risk),
        reasons: readStrings(r.reasons),
        intent: r.intent,
        state: r.state,
        decidedAt: new Date(r.created_at).toISOString(),
      }));
    },

    async listAlerts(limit: number): Promise<Alert[]> {
      const rows = await db.select().from(alerts).orderBy(desc(alerts.raisedAt)).limit(limit);
      return rows.map(toAlert);
    },

    /** Conversations waiting per team (every team listed, zeros included). */
    async queueDepth(): Promise<Map<string, number>> {
      const rows = await queryRows<{ team: string; n: string | number }>(
        db,
        sql`select t.id as team, count(c.id) as n from teams t
            left join conversations c on c.team = t.id and c.state = 'queued' group by t.id`,
      );
      return new Map(rows.map((r) => [r.team, Number(r.n)]));
    },

    /** Online, active console users per team (every team listed, zeros included). */
    async agentsOnline(): Promise<Map<string, number>> {
      const rows = await queryRows<{ team: string; n: string | number }>(
        db,
        sql`select t.id as team, count(a.id) as n from teams t
            left join agents a on a.active and a.teams ? t.id
              and exists (select 1 from agent_presence p where p.agent_id = a.id and p.status = 'online')
            group by t.id`,
      );
      return new Map(rows.map((r) => [r.team, Number(r.n)]));
    },
  };
}

/** A jsonb array of strings as the driver returns it (parsed, or as text on some paths); anything else is empty. */
function readStrings(value: unknown): string[] {
  const parsed = typeof value === 'string' ? safeParse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toAlert(row: typeof alerts.$inferSelect): Alert {
  return {
    id: row.id,
    kind: row.kind,
    level: row.level as Alert['level'],
    text: row.text,
    details: row.details,
    raisedAt: row.raisedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    clearedAt: row.clearedAt?.toISOString() ?? null,
  };
}
