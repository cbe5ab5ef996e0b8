import { baseBoosts, baseRules } from './base-policy.ts';
import { genericLexicon } from './generic-lexicon.ts';
import { type Policy, resolvePolicy } from './policy-schema.ts';
import { compileTerms, type Lexicon, type Term } from './text/match-terms.ts';

/** What the escalation policy needs to know about a pack, resolved and compiled once. */
export type EscalationPack = {
  id: string;
  policy: Policy;
  /** Intent id -> owning team, tags, and whether the bot serves it itself (with a lookup or a flow). */
  intents: ReadonlyMap<string, { team: string | null; tags: readonly string[]; served: boolean }>;
  /** Static lookup tools: id -> the entity type used as key (null: the customer is the key) and demo data. */
  tools: ReadonlyMap<string, { key: string | null; data: Readonly<Record<string, unknown>> | null }>;
  /** Flow id -> the team that takes over when it gives up. */
  flowTeams: ReadonlyMap<string, string>;
  teams: readonly string[];
  defaultTeam: string;
  emergencyText: string | null;
  lexicon: Lexicon;
  /** Compiles (and caches) a term list written in the policy. */
  terms: (list: readonly string[]) => Term[];
};

/** The parts of a pack the escalation policy reads (a structural subset of the pack format). */
export type PackLike = {
  id: string;
  intents: ReadonlyArray<{
    id: string;
    team?: string | undefined;
    tags?: readonly string[] | undefined;
    tool?: unknown;
  }>;
  flows?:
    | ReadonlyArray<{
        id: string;
        team?: string | undefined;
        trigger?: { intents: readonly string[] } | undefined;
      }>
    | undefined;
  tools?:
    | ReadonlyArray<{
        id: string;
        kind: string;
        key?: string | undefined;
        data?: Record<string, unknown> | undefined;
      }>
    | undefined;
  teams: ReadonlyArray<{ id: string; default?: boolean | undefined }>;
  messages?: { emergency?: string | undefined } | undefined;
  policy?: unknown;
};

const cache = new WeakMap<object, EscalationPack>();

/** Resolves a pack's policy, lexicon and team map for the detectors and `decide` (cached per pack object). */
export function toEscalationPack(pack: PackLike): EscalationPack {
  const hit = cache.get(pack);
  if (hit) return hit;
  const policy = withBase(resolvePolicy(pack.policy));
  const lexicon: Lexicon = { ...genericLexicon, ...policy.lexicon };
  const compiled = new Map<string, Term[]>();
  const defaultTeam = pack.teams.find((t) => t.default)?.id ?? pack.teams[0]?.id ?? 'support';
  const built: EscalationPack = {
    id: pack.id,
    policy,
    intents: new Map(
      pack.intents.map((i) => [
        i.id,
        {
          team: i.team ?? null,
          tags: i.tags ?? [],
          served: !!i.tool || (pack.flows ?? []).some((f) => f.trigger?.intents.includes(i.id)),
        },
      ]),
    ),
    tools: new Map(
      (pack.tools ?? []).map((t) => [
        t.id,
        { key: t.key ?? null, data: t.kind === 'static' ? (t.data ?? {}) : null },
      ]),
    ),
    flowTeams: new Map((pack.flows ?? []).flatMap((f) => (f.team ? [[f.id, f.team] as const] : []))),
    teams: pack.teams.map((t) => t.id),
    defaultTeam,
    emergencyText: policy.emergencyText ?? pack.messages?.emergency ?? null,
    lexicon,
    terms: (list) => {
      const key = list.join('\u0000');
      let terms = compiled.get(key);
      if (!terms) {
        terms = compileTerms(list, lexicon);
        compiled.set(key, terms);
      }
      return terms;
    },
  };
  cache.set(pack, built);
  return built;
}

/** Adds the built-in rules and boosts the policy does not replace (same id), after the pack's own. */
function withBase(policy: Policy): Policy {
  if (!policy.base) return policy;
  const ruleIds = new Set(policy.rules.map((r) => r.id));
  const boostIds = new Set(policy.boost.map((b) => b.id));
  return {
    ...policy,
    rules: [...policy.rules, ...baseRules.filter((r) => !ruleIds.has(r.id))],
    boost: [...policy.boost, ...baseBoosts.filter((b) => !boostIds.has(b.id))],
  };
}
