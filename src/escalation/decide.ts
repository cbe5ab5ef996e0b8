import {
  type Decision,
  higherPriority,
  type Priority,
  type RuleHit,
  type Signal,
} from '../protocol/decision.ts';
import type { PolicyRule } from '../protocol/policy.ts';
import { type AssessContext, topicTeam } from './assess-context.ts';
import { genericRuleIds } from './base-policy.ts';
import { matchCondition } from './match-condition.ts';

/** The signals of one turn and the conversation they were read from. */
export type DecideInput = { context: AssessContext; signals: readonly Signal[] };

const higher = higherPriority;
const fmt = (x: number) => x.toFixed(2);

type Hit = RuleHit & { spec: PolicyRule; signalTeam: string | undefined };

/**
 * The decision matrix: every rule whose condition holds gives risk = likelihood x impact; suppressions
 * drop known false alarms; the highest risk decides stay / offer / handoff against the thresholds. Pure.
 */
export function decide(input: DecideInput): Decision {
  const ctx: AssessContext = {
    ...input.context,
    signals: new Map(input.signals.map((s) => [s.detector, s])),
  };
  const policy = ctx.pack.policy;
  const thresholds = { offer: policy.thresholds.offer, handoff: policy.thresholds.handoff };
  const hits = evaluateRules(ctx);
  const signals = [...input.signals];
  const active = hits.filter((h) => !h.suppressed && h.risk >= thresholds.offer - 1e-9);
  const rules = hits.map(({ spec: _spec, signalTeam: _team, ...hit }) => hit);
  if (active.length === 0) {
    const risk = Math.max(0, ...hits.filter((h) => !h.suppressed).map((h) => h.risk));
    return {
      kind: 'stay',
      risk: round(risk),
      reasons: stayReasons(hits, thresholds.offer),
      signals,
      thresholds,
      rules,
    };
  }
  const canHandOff = active.filter(
    (h) => h.spec.maxKind === 'handoff' && h.risk >= thresholds.handoff - 1e-9,
  );
  const pool = canHandOff.length > 0 ? canHandOff : active;
  const winner = pool.reduce((a, b) => (b.risk > a.risk ? b : a));
  const kind = canHandOff.length > 0 ? 'handoff' : 'offer';
  const team = resolveTeam(ctx, winner, active);
  let priority = active.reduce<Priority>((p, h) => higher(p, h.priority), 'normal');
  const reasons = [
    `${kind === 'handoff' ? 'Hand off to' : 'Offer a person from'} ${team} (${priority}): ${winner.label}.`,
    `Risk ${fmt(winner.risk)} = likelihood ${fmt(winner.likelihood)} x impact ${fmt(winner.impact)}; offer at ${fmt(thresholds.offer)}, hand off at ${fmt(thresholds.handoff)}.`,
  ];
  if (winner.evidence.length > 0) reasons.push(`Evidence: ${winner.evidence.slice(0, 6).join('; ')}.`);
  for (const h of active) if (h !== winner) reasons.push(`Also: ${h.label} (risk ${fmt(h.risk)}).`);
  for (const boost of policy.boost) {
    if (higherPriority(priority, boost.priority) === priority) continue;
    const r = matchCondition(ctx, boost.when);
    if (!r.ok) continue;
    priority = boost.priority;
    reasons.push(
      `Priority raised to ${priority}: ${boost.reason}${r.evidence.length ? ` (${r.evidence.slice(0, 3).join('; ')})` : ''}.`,
    );
  }
  reasons[0] = `${kind === 'handoff' ? 'Hand off to' : 'Offer a person from'} ${team} (${priority}): ${winner.label}.`;
  for (const h of hits) if (h.suppressed) reasons.push(`Suppressed: ${h.label}: ${h.suppressed}.`);
  return {
    kind,
    team,
    priority,
    mode: winner.spec.mode,
    rule: winner.rule,
    emergency: active.some((h) => h.spec.emergency && h.risk >= thresholds.handoff - 1e-9),
    risk: round(winner.risk),
    reasons,
    signals,
    thresholds,
    rules,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Every rule whose condition holds, with its risk and (if a suppression applies) why it does not count. */
function evaluateRules(ctx: AssessContext): Hit[] {
  const hits: Hit[] = [];
  for (const spec of ctx.pack.policy.rules) {
    const r = matchCondition(ctx, spec.when);
    if (!r.ok) continue;
    const hit: Hit = {
      rule: spec.id,
      label: spec.label,
      likelihood: round(r.score),
      impact: spec.impact,
      risk: round(r.score * spec.impact),
      team: spec.team,
      priority: r.priority ? higher(spec.priority, r.priority) : spec.priority,
      evidence: r.evidence,
      spec,
      signalTeam: r.team,
    };
    for (const s of ctx.pack.policy.suppress) {
      if (!s.rules.includes(spec.id)) continue;
      const stop =
        (s.when !== undefined && matchCondition(ctx, s.when).ok) ||
        (s.unless !== undefined && !matchCondition(ctx, s.unless).ok);
      if (stop) {
        hit.suppressed = s.reason;
        break;
      }
    }
    hits.push(hit);
  }
  for (const h of hits) h.team = concreteTeam(ctx, h) ?? topicTeam(ctx);
  const offer = ctx.pack.policy.thresholds.offer - 1e-9;
  // The pack has an opinion on this turn when one of its own rules fires or one of its own risks is present.
  const packSpoke =
    hits.some((h) => !h.suppressed && h.risk >= offer && ctx.pack.ownRules.has(h.rule)) ||
    [...ctx.signals.values()].some((s) => ctx.pack.ownRiskSignals.has(s.detector) && s.score >= offer);
  if (packSpoke) {
    for (const h of hits)
      if (!h.suppressed && genericRuleIds.has(h.rule) && !ctx.pack.ownRules.has(h.rule))
        h.suppressed = "the pack's own policy judged this turn";
  }
  return hits;
}

function concreteTeam(ctx: AssessContext, h: Hit): string | null {
  if (h.spec.team === 'default') return ctx.pack.defaultTeam;
  if (h.spec.team.startsWith('tag:'))
    return ctx.pack.teamOfTags(h.spec.team.slice(4), ctx.current.ranking) ?? h.signalTeam ?? null;
  if (h.spec.team !== 'topic') return h.spec.team;
  return h.signalTeam ?? null;
}

/**
 * The team for the winning rule: its own team; for `topic` a team the evidence named, else the team of the
 * strongest other rule that names one, else the team owning the conversation's topic.
 */
function resolveTeam(ctx: AssessContext, winner: Hit, active: Hit[]): string {
  if (!isOpenTeam(winner.spec.team) || winner.signalTeam) return winner.team;
  if (winner.spec.team.startsWith('tag:') && concreteTeam(ctx, winner)) return winner.team;
  const others = active
    .filter((h) => h !== winner && !isOpenTeam(h.spec.team) && h.spec.team !== 'default')
    .sort((a, b) => b.risk - a.risk);
  return others[0]?.team ?? topicTeam(ctx);
}

/** `topic` and `tag:` rules take their team from the conversation (a tag no intent carries falls back to it). */
function isOpenTeam(team: string): boolean {
  return team === 'topic' || team.startsWith('tag:');
}

function stayReasons(hits: Hit[], offer: number): string[] {
  const reasons = [`The bot keeps the conversation: no rule reached the offer threshold ${fmt(offer)}.`];
  const open = hits.filter((h) => !h.suppressed).sort((a, b) => b.risk - a.risk);
  const top = open[0];
  if (top) reasons.push(`Closest: ${top.label} (risk ${fmt(top.risk)}).`);
  for (const h of hits) if (h.suppressed) reasons.push(`Suppressed: ${h.label}: ${h.suppressed}.`);
  return reasons;
}
