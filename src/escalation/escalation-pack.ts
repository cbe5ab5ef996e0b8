import { type Policy, resolvePolicy } from '../protocol/policy.ts';
import { baseBoosts, baseRiskRules, baseRisks, baseRules, baseSuppressions } from './base-policy.ts';
import { genericLexicon } from './generic-lexicon.ts';
import { compileTerms, type Lexicon, type Term } from './text/match-terms.ts';

/** What the escalation policy needs to know about a pack, resolved and compiled once. */
export type EscalationPack = {
  id: string;
  policy: Policy;
  /** Ids of the rules the pack wrote itself (the others come from the engine's base layer). */
  ownRules: ReadonlySet<string>;
  /** Signals of the risks the pack wrote itself (`risk:<id>`). */
  ownRiskSignals: ReadonlySet<string>;
  /** The team of the first intent carrying one of the tags (`a|b|c`, in order of preference), or null. */
  /**
   * The team of the pack's intents carrying one of `tags` (`a|b`); among several, the one ranked highest in
   * `ranking` (the classifier's ranking for the message).
   */
  teamOfTags: (tags: string, ranking?: ReadonlyArray<{ intent: string }>) => string | null;
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
  const written = resolvePolicy(pack.policy);
  const policy = withBase(written);
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
    ownRules: new Set(written.rules.map((r) => r.id)),
    ownRiskSignals: new Set(written.risks.map((r) => `risk:${r.id}`)),
    teamOfTags: (tags, ranking = []) => {
      for (const tag of tags.split('|')) {
        const carriers = pack.intents.filter((i) => i.team && i.tags?.includes(tag));
        if (carriers.length === 0) continue;
        // several intents carry the tag (a complaint about a courier, a complaint about the service): the one
        // the classifier ranked highest for this message names the team
        const rank = (id: string) => {
          const at = ranking.findIndex((r) => r.intent === id);
          return at < 0 ? Number.POSITIVE_INFINITY : at;
        };
        const best = [...carriers].sort((x, y) => rank(x.id) - rank(y.id))[0]!;
        return best.team ?? null;
      }
      return null;
    },
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

/** The concept sets (`~name`) a risk cue reads. */
function cueSets(cue: Policy['risks'][number]['cues'][number]): string[] {
  return (cue.any ? cue.any : (cue.all ?? []).flat()).filter((t) => t.startsWith('~'));
}

/** Adds the built-in rules and boosts the policy does not replace (same id), after the pack's own. */
function withBase(policy: Policy): Policy {
  if (!policy.base) return policy;
  const ruleIds = new Set(policy.rules.map((r) => r.id));
  const boostIds = new Set(policy.boost.map((b) => b.id));
  const suppressIds = new Set(policy.suppress.map((x) => x.id));
  const riskIds = new Set(policy.risks.map((r) => r.id));
  // A base risk stays out when the pack redefines it, or when the pack's own risks already read one of its
  // concept sets: the pack has taken that concern over and refined it.
  const ownSets = new Set(policy.risks.flatMap((r) => r.cues.flatMap(cueSets)));
  const risks = baseRisks.filter(
    (r) => !riskIds.has(r.id) && !r.cues.flatMap(cueSets).some((set) => ownSets.has(set)),
  );
  // each base risk's rule has the risk's id; it comes and goes with its risk
  const kept = new Set(risks.map((r) => r.id));
  const riskRules = baseRiskRules.filter((r) => !ruleIds.has(r.id) && kept.has(r.id));
  return {
    ...policy,
    risks: [...policy.risks, ...risks],
    rules: [...policy.rules, ...baseRules.filter((r) => !ruleIds.has(r.id)), ...riskRules],
    boost: [...policy.boost, ...baseBoosts.filter((b) => !boostIds.has(b.id))],
    // built-in suppressions act on the built-in rules the pack kept, never on a pack rule of the same id
    suppress: [
      ...policy.suppress,
      ...baseSuppressions
        .filter((x) => !suppressIds.has(x.id))
        .map((x) => ({ ...x, rules: x.rules.filter((id) => !ruleIds.has(id)) }))
        .filter((x) => x.rules.length > 0),
    ],
  };
}
