import { assessTurn } from '../escalation/assess-turn.ts';
import type { EscalationPack } from '../escalation/escalation-pack.ts';
import { MINUTES_PER_TURN } from '../escalation/run-scenario.ts';
import type { EscalateDecision } from '../protocol/decision.ts';
import type { Evidence, PackChange, PreparedConversation, SuggestionKind } from '../protocol/learning.ts';
import { contentWords } from './content-words.ts';

/** A proposed change found in some conversations, keyed so the same proposal can be refitted on folds. */
export type Candidate = {
  key: string;
  kind: SuggestionKind;
  title: string;
  evidence: Evidence;
  change: PackChange[];
};

/** The first escalation of each conversation (by id) under the current pack. */
export type Escalations = ReadonlyMap<string, { turn: number; decision: EscalateDecision } | null>;

/** Rules a label never turns off: a customer asking for a person gets one, and safety is never suppressed. */
const PROTECTED = new Set(['explicit_request', 'safety']);
const MIN_COUNT = 3;
const SAMPLE = 8;

/** A rule's own handoffs; the needless ones with the highest likelihood the rule reached on them. */
function ruleOutcomes(history: readonly PreparedConversation[], escalations: Escalations, offer: number) {
  type Outcome = {
    needed: string[];
    needless: string[];
    maxNeedless: number;
    intents: Map<string, { needed: number; needless: string[]; also: Set<string> }>;
  };
  const byRule = new Map<string, Outcome>();
  for (const p of history) {
    const first = escalations.get(p.conversation.id);
    if (!first || PROTECTED.has(first.decision.rule)) continue;
    const rule = first.decision.rule;
    const entry: Outcome = byRule.get(rule) ?? {
      needed: [],
      needless: [],
      maxNeedless: 0,
      intents: new Map(),
    };
    byRule.set(rule, entry);
    const hit = first.decision.rules.find((r) => r.rule === rule);
    const topic = p.turns[first.turn - 1]?.topic ?? p.turns[first.turn - 1]?.intent ?? null;
    const byIntent = topic
      ? (entry.intents.get(topic) ?? { needed: 0, needless: [] as string[], also: new Set<string>() })
      : null;
    if (topic && byIntent) entry.intents.set(topic, byIntent);
    if (p.conversation.expect.handoff) {
      entry.needed.push(p.conversation.id);
      if (byIntent) byIntent.needed++;
    } else {
      entry.needless.push(p.conversation.id);
      entry.maxNeedless = Math.max(entry.maxNeedless, hit?.likelihood ?? 1);
      byIntent?.needless.push(p.conversation.id);
      // The other rules that would hand off on their own once this one is quiet (the next slice of cheese).
      for (const r of first.decision.rules)
        if (r.rule !== rule && !r.suppressed && !PROTECTED.has(r.rule) && r.risk >= offer)
          byIntent?.also.add(r.rule);
    }
  }
  return byRule;
}

/**
 * Threshold and suppression proposals: a rule whose handoffs were mostly labelled needless gets an impact
 * that keeps those handoffs under the offer threshold; a rule that keeps misfiring on one topic gets a
 * suppression for that topic, together with the other rules that would have handed those conversations off
 * without it. Pure.
 */
export function mineRuleChanges(
  pack: EscalationPack,
  history: readonly PreparedConversation[],
  escalations: Escalations,
): Candidate[] {
  const out: Candidate[] = [];
  const offer = pack.policy.thresholds.offer;
  for (const [rule, o] of ruleOutcomes(history, escalations, offer)) {
    const total = o.needed.length + o.needless.length;
    if (o.needless.length >= MIN_COUNT && o.needless.length / total >= 0.6) {
      const impact = Math.floor(((offer - 0.02) / Math.max(o.maxNeedless, 0.01)) * 100) / 100;
      out.push({
        key: `impact:${rule}`,
        kind: 'policy_threshold',
        title: `Lower the impact of rule "${rule}" to ${impact}: ${o.needless.length} of its ${total} handoffs were not needed`,
        evidence: {
          conversations: o.needless.slice(0, SAMPLE),
          terms: [],
          counts: { needless: o.needless.length, needed: o.needed.length },
          quotes: [],
        },
        change: [{ op: 'set_rule_impact', rule, impact: Math.max(0, impact) }],
      });
    }
    for (const [intent, i] of o.intents) {
      if (i.needless.length < MIN_COUNT || i.needed > 0) continue;
      out.push({
        key: `suppress:${rule}:${intent}`,
        kind: 'policy_suppress',
        title: `Suppress rule "${rule}"${i.also.size > 0 ? ` (and ${[...i.also].sort().join(', ')})` : ''} on the topic "${intent}": ${i.needless.length} false alarms, no needed handoff`,
        evidence: {
          conversations: i.needless.slice(0, SAMPLE),
          terms: [],
          counts: { needless: i.needless.length, needed: 0 },
          quotes: [],
        },
        change: [
          {
            op: 'put_suppression',
            suppression: {
              id: `learned-${rule}-${intent}`.replace(/_/g, '-'),
              rules: [rule, ...[...i.also].sort()],
              when: { intent: [intent], scope: 'conversation' },
              reason: `agents marked ${i.needless.length} handoffs by this rule on "${intent}" as not needed`,
            },
          },
        ],
      });
    }
  }
  return out;
}

/**
 * Team proposals: an intent whose needed handoffs mostly belonged to another team moves to it; words that
 * only one team's conversations use become that team's topic terms (read when no intent names a team). Pure.
 */
export function mineTeams(pack: EscalationPack, history: readonly PreparedConversation[]): Candidate[] {
  const out: Candidate[] = [];
  const byIntent = new Map<string, Map<string, string[]>>();
  const wordTeams = new Map<string, Map<string, Set<string>>>();
  for (const p of history) {
    const e = p.conversation.expect;
    if (!e.handoff) continue;
    const at = p.turns[Math.min(e.turn, p.turns.length) - 1];
    const intent = at?.topic ?? null;
    if (intent) {
      const teams = byIntent.get(intent) ?? new Map<string, string[]>();
      byIntent.set(intent, teams);
      teams.set(e.team, [...(teams.get(e.team) ?? []), p.conversation.id]);
    }
    for (const t of p.turns.slice(0, e.turn)) {
      for (const w of contentWords(t.text)) {
        const teams = wordTeams.get(w) ?? new Map<string, Set<string>>();
        wordTeams.set(w, teams);
        teams.set(e.team, (teams.get(e.team) ?? new Set()).add(p.conversation.id));
      }
    }
  }
  for (const [intent, teams] of byIntent) {
    const total = [...teams.values()].reduce((n, ids) => n + ids.length, 0);
    const [team, ids] = [...teams].sort((a, b) => b[1].length - a[1].length)[0]!;
    const current = pack.intents.get(intent)?.team ?? null;
    if (team === current || ids.length < MIN_COUNT || ids.length / total < 0.7 || !pack.teams.includes(team))
      continue;
    out.push({
      key: `team:${intent}`,
      kind: 'topic_team',
      title: `Give the topic "${intent}" to ${team}: ${ids.length} of its ${total} needed handoffs went there`,
      evidence: {
        conversations: ids.slice(0, SAMPLE),
        terms: [],
        counts: { [team]: ids.length, total },
        quotes: [],
      },
      change: [{ op: 'set_intent_team', intent, team }],
    });
  }
  const perTeam = new Map<string, { word: string; n: number; ids: string[] }[]>();
  for (const [word, teams] of wordTeams) {
    if (teams.size !== 1) continue;
    const [team, ids] = [...teams][0]!;
    if (ids.size < MIN_COUNT || !pack.teams.includes(team)) continue;
    perTeam.set(team, [...(perTeam.get(team) ?? []), { word, n: ids.size, ids: [...ids] }]);
  }
  for (const [team, words] of perTeam) {
    const top = words.sort((a, b) => b.n - a.n || (a.word < b.word ? -1 : 1)).slice(0, 10);
    const terms = top.map((w) => w.word).sort();
    out.push({
      key: `topic:${team}`,
      kind: 'topic_team',
      title: `Send conversations that mention ${terms.slice(0, 4).join(', ')} to ${team} when no intent names a team`,
      evidence: {
        conversations: [...new Set(top.flatMap((w) => w.ids))].slice(0, SAMPLE),
        terms,
        counts: Object.fromEntries(top.map((w) => [w.word, w.n])),
        quotes: [],
      },
      change: [{ op: 'add_topic_terms', team, terms }],
    });
  }
  return out;
}

/**
 * Impact raises: a rule that handed off later than the agents said a person should have come (the labelled turn,
 * "should have come earlier"), in at least three conversations, while it already saw something at that turn; its
 * impact rises just enough for that likelihood to reach the offer threshold. Pure.
 */
export function mineLateRules(
  pack: EscalationPack,
  history: readonly PreparedConversation[],
  escalations: Escalations,
): Candidate[] {
  const offer = pack.policy.thresholds.offer;
  const byRule = new Map<string, { late: string[]; likelihood: number; impact: number }>();
  for (const p of history) {
    const e = p.conversation.expect;
    const first = escalations.get(p.conversation.id);
    if (!e.handoff || !first || first.turn <= e.turn + e.tolerance) continue;
    const rule = first.decision.rule;
    if (PROTECTED.has(rule)) continue;
    const c = p.conversation;
    const earlier = assessTurn(pack, {
      turns: p.turns.slice(0, e.turn),
      customer: { tier: c.customer?.tier ?? 'standard', attributes: c.customer?.attributes ?? {} },
      elapsedMinutes: (e.turn - 1) * MINUTES_PER_TURN,
      toolData: c.data,
    });
    const hit = earlier.rules.find((r) => r.rule === rule && !r.suppressed && r.likelihood > 0);
    if (!hit || hit.impact >= 1) continue;
    const entry = byRule.get(rule) ?? { late: [], likelihood: 1, impact: hit.impact };
    byRule.set(rule, entry);
    entry.late.push(c.id);
    entry.likelihood = Math.min(entry.likelihood, hit.likelihood);
  }
  const out: Candidate[] = [];
  for (const [rule, o] of byRule) {
    if (o.late.length < MIN_COUNT) continue;
    const impact = Math.min(1, Math.ceil((offer / o.likelihood) * 100) / 100);
    if (impact <= o.impact) continue;
    out.push({
      key: `raise:${rule}`,
      kind: 'policy_threshold',
      title: `Raise the impact of rule "${rule}" to ${impact}: ${o.late.length} of its handoffs should have come earlier`,
      evidence: {
        conversations: o.late.slice(0, SAMPLE),
        terms: [],
        counts: { late: o.late.length, likelihoodEarlier: o.likelihood, impact: o.impact },
        quotes: [],
      },
      change: [{ op: 'set_rule_impact', rule, impact }],
    });
  }
  return out;
}
