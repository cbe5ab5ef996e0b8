import { baseRiskRules, baseRules } from '../escalation/base-policy.ts';
import type { PackChange, PackDocument } from '../protocol/learning.ts';
import { LearningError } from './learning-error.ts';

type Obj = Record<string, unknown>;

/** The id and label of the rule the learned signal enters the decision matrix through. */
export const LEARNED_RULE_ID = 'learned';
export const LEARNED_SIGNAL = 'learned';

/**
 * Applies semantic changes to a pack document in order and returns a new document (the input is not
 * touched). An operation that names something the pack lacks throws CHANGE_NOT_APPLICABLE. Pure.
 */
export function applyChanges(doc: PackDocument, changes: readonly PackChange[]): PackDocument {
  const next: PackDocument = structuredClone(doc);
  for (const change of changes) applyOne(next, change);
  return next;
}

function applyOne(doc: PackDocument, c: PackChange): void {
  const pack = doc.pack;
  switch (c.op) {
    case 'add_intent_examples': {
      const intent = findById(list(pack, 'intents'), c.intent, 'intent');
      intent.examples = union(asStrings(intent.examples), c.examples);
      return;
    }
    case 'add_intent': {
      const intents = list(pack, 'intents');
      if (intents.some((i) => i.id === c.intent.id)) notApplicable(`intent "${c.intent.id}" already exists`);
      if (c.intent.team) findById(list(pack, 'teams'), c.intent.team, 'team');
      intents.push(dropUndefined({ ...c.intent }));
      return;
    }
    case 'add_article': {
      const articles = list(pack, 'knowledge');
      put(articles, { ...c.article });
      return;
    }
    case 'add_lexicon_terms': {
      const inline = (policy(pack).lexicon ?? {}) as Record<string, string[]>;
      if (c.set in inline) inline[c.set] = union(inline[c.set] ?? [], c.terms);
      else doc.lexicon[c.set] = union(doc.lexicon[c.set] ?? [], c.terms);
      return;
    }
    case 'put_risk':
      put(list(policy(pack), 'risks'), { ...c.risk });
      return;
    case 'put_rule':
      put(list(policy(pack), 'rules'), { ...c.rule });
      return;
    case 'set_rule_impact': {
      const rules = list(policy(pack), 'rules');
      const own = rules.find((r) => r.id === c.rule);
      if (own) {
        own.impact = c.impact;
        return;
      }
      const builtin = [...baseRules, ...baseRiskRules].find((r) => r.id === c.rule);
      if (!builtin) notApplicable(`no rule "${c.rule}" in the pack or the built-in layer`);
      rules.push({ ...structuredClone(builtin), impact: c.impact } as Obj);
      return;
    }
    case 'set_thresholds':
      if (c.offer > c.handoff) notApplicable('the offer threshold must not exceed the handoff threshold');
      policy(pack).thresholds = { offer: c.offer, handoff: c.handoff };
      return;
    case 'put_suppression':
      put(list(policy(pack), 'suppress'), { ...c.suppression });
      return;
    case 'add_topic_terms': {
      findById(list(pack, 'teams'), c.team, 'team');
      const topics = list(policy(pack), 'topics');
      const entry = topics.find((t) => t.team === c.team);
      if (entry) entry.terms = union(asStrings(entry.terms), c.terms);
      else topics.push({ team: c.team, terms: [...c.terms] });
      return;
    }
    case 'set_intent_team': {
      findById(list(pack, 'teams'), c.team, 'team');
      findById(list(pack, 'intents'), c.intent, 'intent').team = c.team;
      return;
    }
    case 'set_learned_model': {
      const p = policy(pack);
      p.learned = structuredClone(c.model);
      put(list(p, 'rules'), {
        id: LEARNED_RULE_ID,
        label: 'The learned signal: conversations like this one needed a person',
        when: { signal: LEARNED_SIGNAL },
        impact: c.impact,
        team: 'topic',
      });
      return;
    }
  }
}

/** The pack's `policy` section, created when the pack has none. */
function policy(pack: Obj): Obj {
  if (!pack.policy || typeof pack.policy !== 'object') pack.policy = {};
  return pack.policy as Obj;
}

/** An array field of an object, created when missing. */
function list(owner: Obj, key: string): Obj[] {
  if (!Array.isArray(owner[key])) owner[key] = [];
  return owner[key] as Obj[];
}

function findById(items: Obj[], id: string, what: string): Obj {
  const found = items.find((i) => i.id === id);
  if (!found) notApplicable(`no ${what} "${id}" in the pack`);
  return found;
}

/** Replaces the item with the same id, or appends it. */
function put(items: Obj[], item: Obj): void {
  const at = items.findIndex((i) => i.id === item.id);
  if (at >= 0) items[at] = item;
  else items.push(item);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The first list plus the terms of the second it lacks (case-insensitive), in order. */
function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((x) => x.toLowerCase()));
  const out = [...a];
  for (const x of b) {
    if (seen.has(x.toLowerCase())) continue;
    seen.add(x.toLowerCase());
    out.push(x);
  }
  return out;
}

function dropUndefined(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function notApplicable(message: string): never {
  throw new LearningError('CHANGE_NOT_APPLICABLE', message);
}
