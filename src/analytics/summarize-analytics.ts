import type { Containment, Journey, JourneyOutcome, Summary } from '../protocol/analytics.ts';
import {
  type ConversationFacts,
  type ConversationRow,
  describeConversation,
  type Episode,
  type EstimateRow,
  type EventRow,
} from './describe-conversation.ts';
import { describeDurations } from './describe-durations.ts';

/** Everything the summary is computed from, as plain rows (the store loads them for one range). */
export type AnalyticsRows = {
  conversations: ConversationRow[];
  events: EventRow[];
  estimates: EstimateRow[];
  csat: { conversationId: string; rating: number; path: string }[];
  labels: { conversationId: string; needed: boolean; reasonCorrect: boolean }[];
};

export type SummaryRange = { from: Date; to: Date; pack: string | null };

const hourMs = 3600_000;
const dayMs = 24 * hourMs;
/** Spans up to this long are shown hour by hour; longer ones day by day (UTC). */
const hourlyUpToMs = 2 * dayMs;

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function groupBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    for (const k of keys(item)) {
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
  }
  return out;
}

const byCount =
  <T extends { key: string }>(count: (x: T) => number) =>
  (a: T, b: T) =>
    count(b) - count(a) || a.key.localeCompare(b.key);

/** Containment and handoff rate of a group of conversations. */
export function measureContainment(facts: readonly ConversationFacts[]): Containment {
  const ended = facts.filter((f) => f.ended).length;
  const contained = facts.filter((f) => f.contained).length;
  const handedOff = facts.filter((f) => f.handedOff).length;
  return {
    conversations: facts.length,
    ended,
    contained,
    handedOff,
    containmentRate: ratio(contained, ended),
    handoffRate: ratio(handedOff, facts.length),
  };
}

const journeyOutcome: Record<Episode['outcome'], JourneyOutcome> = {
  resolved: 'resolved',
  cancelled: 'abandoned',
  left: 'abandoned',
  handed_back: 'handed_back',
  waiting: 'open',
  assigned: 'open',
};

/** Counts queue episodes by rule, team at handoff (`none` without one) and outcome; most first, then by key. */
export function summarizeJourneys(
  episodes: readonly Pick<Episode, 'rule' | 'team' | 'outcome'>[],
): Journey[] {
  const counts = new Map<string, Journey>();
  for (const e of episodes) {
    const journey = { rule: e.rule, team: e.team ?? 'none', outcome: journeyOutcome[e.outcome] };
    const key = JSON.stringify([journey.rule, journey.team, journey.outcome]);
    const found = counts.get(key);
    if (found) found.handoffs++;
    else counts.set(key, { ...journey, handoffs: 1 });
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.handoffs - a.handoffs ||
      a.rule.localeCompare(b.rule) ||
      a.team.localeCompare(b.team) ||
      a.outcome.localeCompare(b.outcome),
  );
}

/**
 * The analytics summary of the conversations started in [from, to): containment, handoffs by reason, team and
 * priority, a time series, waits, handle time, abandonment, CSAT, labels, SLA breaches, wait-estimate error.
 */
export function summarizeAnalytics(rows: AnalyticsRows, range: SummaryRange): Summary {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const eventsOf = groupBy(rows.events, (e) => [e.conversationId]);
  const estimatesOf = groupBy(rows.estimates, (e) => [e.conversationId]);
  const facts = rows.conversations
    .filter((c) => c.createdAt >= from && c.createdAt < to && (!range.pack || c.pack === range.pack))
    .map((c) => describeConversation(c, eventsOf.get(c.id) ?? [], estimatesOf.get(c.id) ?? []));
  const factsById = new Map(facts.map((f) => [f.conversation.id, f]));
  const episodes = facts.flatMap((f) => f.episodes);
  const conversations = facts.length;

  const handoffGroups = (keys: (e: Episode) => string[]) =>
    [...groupBy(episodes, keys)]
      .map(([key, list]) => ({
        key,
        handoffs: list.length,
        share: ratio(list.length, episodes.length),
        rate: ratio(list.length, conversations),
      }))
      .sort(byCount((g) => g.handoffs));

  const bucket = to - from <= hourlyUpToMs ? 'hour' : 'day';
  const size = bucket === 'hour' ? hourMs : dayMs;
  const series: Summary['series'] = [];
  const inBucket = groupBy(facts, (f) => [String(Math.floor(f.conversation.createdAt / size) * size)]);
  for (let start = Math.floor(from / size) * size; start < to; start += size) {
    const list = inBucket.get(String(start)) ?? [];
    const handoffsByRule: Record<string, number> = {};
    for (const e of list.flatMap((f) => f.episodes))
      handoffsByRule[e.rule] = (handoffsByRule[e.rule] ?? 0) + 1;
    series.push({ start: new Date(start).toISOString(), ...measureContainment(list), handoffsByRule });
  }

  const cancelled = episodes.filter((e) => e.outcome === 'cancelled').length;
  const left = episodes.filter((e) => e.outcome === 'left').length;

  const csat = rows.csat.filter((r) => factsById.has(r.conversationId));
  const csatGroups = (key: (r: (typeof csat)[number]) => string) =>
    [...groupBy(csat, (r) => [key(r)])]
      .map(([k, list]) => ({
        key: k,
        count: list.length,
        average: round2(list.reduce((s, r) => s + r.rating, 0) / list.length),
      }))
      .sort(byCount((g) => g.count));
  const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of csat) distribution[String(r.rating)] = (distribution[String(r.rating)] ?? 0) + 1;
  const firstRule = (id: string) => factsById.get(id)?.episodes[0]?.rule ?? 'no_handoff';

  const labels = rows.labels.filter((l) => factsById.has(l.conversationId));
  const lastRule = (id: string) => factsById.get(id)?.episodes.at(-1)?.rule ?? 'unknown';
  const unnecessary = labels.filter((l) => !l.needed).length;
  const reasonWrong = labels.filter((l) => !l.reasonCorrect).length;

  const breaches = facts.flatMap((f) => f.slaBreaches);
  const estimated = episodes.flatMap((e) =>
    e.estimatedWaitSeconds !== null && e.assignedAt !== null
      ? [(e.assignedAt - e.at) / 1000 - e.estimatedWaitSeconds]
      : [],
  );

  return {
    range: {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      pack: range.pack,
      bucket,
    },
    totals: measureContainment(facts),
    byPack: [...groupBy(facts, (f) => [f.conversation.pack])]
      .map(([key, list]) => ({ key, ...measureContainment(list) }))
      .sort(byCount((g) => g.conversations)),
    byReason: {
      rules: handoffGroups((e) => [e.rule]),
      detectors: handoffGroups((e) => (e.detectors.length > 0 ? e.detectors : ['none'])),
    },
    byTeam: handoffGroups((e) => [e.team ?? 'none']),
    byPriority: handoffGroups((e) => [e.priority ?? 'normal']),
    series,
    timeToAgent: describeDurations(
      episodes.flatMap((e) => (e.assignedAt !== null ? [(e.assignedAt - e.at) / 1000] : [])),
    ),
    firstAgentReply: describeDurations(
      episodes.flatMap((e) => (e.firstReplyAt !== null ? [(e.firstReplyAt - e.at) / 1000] : [])),
    ),
    handleTime: describeDurations(
      episodes.flatMap((e) =>
        e.assignedAt !== null && e.resolvedAt !== null ? [(e.resolvedAt - e.assignedAt) / 1000] : [],
      ),
    ),
    abandonment: {
      handoffs: episodes.length,
      cancelled,
      left,
      rate: ratio(cancelled + left, episodes.length),
    },
    csat: {
      count: csat.length,
      average: csat.length ? round2(csat.reduce((s, r) => s + r.rating, 0) / csat.length) : null,
      distribution,
      byPath: csatGroups((r) => r.path),
      byReason: csatGroups((r) => firstRule(r.conversationId)),
    },
    labels: {
      count: labels.length,
      unnecessary,
      unnecessaryRate: ratio(unnecessary, labels.length),
      reasonWrong,
      reasonWrongRate: ratio(reasonWrong, labels.length),
      byRule: [...groupBy(labels, (l) => [lastRule(l.conversationId)])]
        .map(([key, list]) => ({
          key,
          count: list.length,
          unnecessary: list.filter((l) => !l.needed).length,
          precision: ratio(list.filter((l) => l.needed).length, list.length),
        }))
        .sort(byCount((g) => g.count)),
    },
    slaBreaches: {
      count: breaches.length,
      byTeam: [...groupBy(breaches, (b) => [b.team ?? 'none'])]
        .map(([key, list]) => ({ key, count: list.length }))
        .sort(byCount((g) => g.count)),
    },
    waitEstimates: {
      count: estimated.length,
      meanAbsoluteErrorSeconds: estimated.length
        ? round1(estimated.reduce((s, x) => s + Math.abs(x), 0) / estimated.length)
        : null,
      meanErrorSeconds: estimated.length
        ? round1(estimated.reduce((s, x) => s + x, 0) / estimated.length)
        : null,
    },
    journeys: summarizeJourneys(episodes),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
