import { builtinEntityTypes } from '../bot/extract-entities.ts';
import type { PackCheck } from '../bot/parse-pack.ts';
import { type Condition, factNames } from '../protocol/policy.ts';
import { closestName } from './closest-name.ts';
import { type PackLike, toEscalationPack } from './escalation-pack.ts';

/** A policy reference that does not resolve, at its path inside the pack (`policy.rules[2].team`). */
export type PolicyProblem = { path: (string | number)[]; message: string };

/** Signals the built-in detectors emit; `risk:<id>` and `business:<id>` come from the pack's own policy. */
export const builtinSignals = [
  'explicit_request',
  'out_of_scope',
  'low_confidence',
  'negative_sentiment',
  'vocal_cues',
  'repetition',
  'flow_dead_end',
  'self_service_failed',
  'no_progress',
  'bot_error',
  'intent_urgent',
  'intent_risk',
] as const;

/**
 * Every reference in a pack's own policy that does not resolve: teams, intents, tools, entity types, signals,
 * concept sets (`~name`, also inside the lexicon) and rule ids, each with a "did you mean" hint when a known
 * name is close. The built-in rules are the engine's and are not checked against the pack.
 */
export function checkPolicy(pack: PackLike & { entities?: ReadonlyArray<{ id: string }> }): PolicyProblem[] {
  const raw = (pack.policy ?? {}) as Record<string, unknown>;
  const ep = toEscalationPack(pack);
  const problems: PolicyProblem[] = [];
  const unknown = (path: (string | number)[], what: string, name: string, known: Iterable<string>) => {
    const hint = closestName(name, known);
    problems.push({ path, message: `unknown ${what} "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}` });
  };
  const teams = new Set(ep.teams);
  const teamRefs = new Set([...teams, 'topic', 'default']);
  const intents = new Set(ep.intents.keys());
  const tools = new Set(ep.tools.keys());
  const entities = new Set([...builtinEntityTypes, ...(pack.entities ?? []).map((e) => e.id)]);
  const own = {
    rules: arr(raw.rules),
    risks: arr(raw.risks),
    business: arr(raw.business),
    suppress: arr(raw.suppress),
    boost: arr(raw.boost),
    topics: arr(raw.topics),
  };
  const signals = new Set<string>([
    ...builtinSignals,
    ...ep.policy.risks.map((r) => `risk:${r.id}`),
    ...ep.policy.business.map((b) => `business:${b.id}`),
    ...(ep.policy.learned ? ['learned'] : []),
  ]);
  const ruleIds = new Set(ep.policy.rules.map((r) => r.id));
  const sets = new Set(Object.keys(ep.lexicon));

  const terms = (list: unknown, path: (string | number)[]) => {
    arr(list).forEach((t, i) => {
      if (typeof t === 'string' && t.startsWith('~') && !sets.has(t.slice(1)))
        unknown(
          [...path, i],
          'concept set',
          t,
          [...sets].map((s) => `~${s}`),
        );
    });
  };
  /** A field of a static tool must appear in its demo records (an HTTP tool's fields are not known here). */
  const toolField = (tool: string, name: string, path: (string | number)[]) => {
    const data = ep.tools.get(tool)?.data;
    if (!data) return;
    const fields = new Set<string>();
    for (const record of Object.values(data))
      if (record && typeof record === 'object') for (const k of Object.keys(record)) fields.add(k);
    if (fields.size > 0 && !fields.has(name.split('.')[0]!))
      unknown(path, `field of tool "${tool}"`, name, fields);
  };
  const operand = (ref: string, path: (string | number)[]) => {
    const [kind, name, ...rest] = ref.split('.');
    if (kind === 'tool') {
      if (!tools.has(name!)) unknown(path, 'tool', name!, tools);
      else toolField(name!, rest.join('.'), path);
    } else if (kind === 'fact' && !(factNames as readonly string[]).includes(name!)) {
      unknown(path, 'fact', name!, factNames);
    }
  };
  const condition = (node: unknown, path: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    const c = node as Partial<Record<keyof UnionKeys<Condition>, unknown>>;
    if (typeof c.signal === 'string' && !signals.has(c.signal))
      unknown([...path, 'signal'], 'signal', c.signal, signals);
    arr(c.intent).forEach((i, n) => {
      if (typeof i === 'string' && !intents.has(i)) unknown([...path, 'intent', n], 'intent', i, intents);
    });
    arr(c.entity).forEach((e, n) => {
      if (typeof e === 'string' && !entities.has(e))
        unknown([...path, 'entity', n], 'entity type', e, entities);
    });
    if (typeof c.tool === 'string' && !tools.has(c.tool)) unknown([...path, 'tool'], 'tool', c.tool, tools);
    else if (typeof c.tool === 'string' && typeof c.field === 'string')
      toolField(c.tool, c.field, [...path, 'field']);
    for (const k of ['gt', 'gte', 'lt', 'lte'] as const) {
      const ref = field(c[k], 'ref');
      if (typeof ref === 'string') operand(ref, [...path, k, 'ref']);
    }
    if (c.text) terms(c.text, [...path, 'text']);
    for (const [n, x] of arr(c.all).entries()) condition(x, [...path, 'all', n]);
    for (const [n, x] of arr(c.any).entries()) condition(x, [...path, 'any', n]);
    if (c.not) condition(c.not, [...path, 'not']);
  };

  own.rules.forEach((r, i) => {
    const team = field(r, 'team');
    if (typeof team === 'string' && !teamRefs.has(team))
      unknown(['policy', 'rules', i, 'team'], 'team', team, teams);
    condition(field(r, 'when'), ['policy', 'rules', i, 'when']);
  });
  const roles = field(field(raw.detectors, 'explicitRequest'), 'roles');
  for (const [role, team] of Object.entries((roles as Record<string, unknown> | undefined) ?? {})) {
    if (typeof team === 'string' && !teamRefs.has(team))
      unknown(['policy', 'detectors', 'explicitRequest', 'roles', role], 'team', team, teams);
  }
  own.topics.forEach((t, i) => {
    const team = field(t, 'team');
    if (typeof team === 'string' && !teamRefs.has(team))
      unknown(['policy', 'topics', i, 'team'], 'team', team, teams);
    terms(field(t, 'terms'), ['policy', 'topics', i, 'terms']);
  });
  own.risks.forEach((r, i) => {
    arr(field(r, 'intents')).forEach((name, n) => {
      if (typeof name === 'string' && !intents.has(name))
        unknown(['policy', 'risks', i, 'intents', n], 'intent', name, intents);
    });
    arr(field(r, 'entities')).forEach((name, n) => {
      if (typeof name === 'string' && !entities.has(name))
        unknown(['policy', 'risks', i, 'entities', n], 'entity type', name, entities);
    });
    arr(field(r, 'cues')).forEach((cue, c) => {
      terms(field(cue, 'any'), ['policy', 'risks', i, 'cues', c, 'any']);
      for (const [g, group] of arr(field(cue, 'all')).entries())
        terms(group, ['policy', 'risks', i, 'cues', c, 'all', g]);
    });
  });
  for (const [i, b] of own.business.entries()) condition(field(b, 'when'), ['policy', 'business', i, 'when']);
  own.suppress.forEach((s, i) => {
    arr(field(s, 'rules')).forEach((id, n) => {
      if (typeof id === 'string' && !ruleIds.has(id))
        unknown(['policy', 'suppress', i, 'rules', n], 'rule', id, ruleIds);
    });
    condition(field(s, 'when'), ['policy', 'suppress', i, 'when']);
    condition(field(s, 'unless'), ['policy', 'suppress', i, 'unless']);
  });
  for (const [i, b] of own.boost.entries()) condition(field(b, 'when'), ['policy', 'boost', i, 'when']);
  for (const [name, list] of Object.entries(ep.policy.lexicon)) terms(list, ['policy', 'lexicon', name]);
  return problems;
}

type UnionKeys<T> = { [K in T extends unknown ? keyof T : never]: unknown };
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;

/** The checks every entry point loads packs with, so a policy typo refuses the pack instead of doing nothing. */
export const policyChecks: readonly PackCheck[] = [checkPolicy];
