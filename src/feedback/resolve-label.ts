import type { InferredLabel } from './infer-outcome-labels.ts';

/** An agent's own label, as far as the outcome goes. */
export type PersonLabel = {
  needed: boolean;
  teamCorrect: boolean | null;
  rightTeam: string | null;
  earlier: boolean | null;
};

/** One conversation's outcome: each field with where it came from and how strong it is. */
export type ResolvedLabel = {
  needed: boolean | null;
  teamCorrect: boolean | null;
  rightTeam: string | null;
  earlier: boolean | null;
  /** `agent` when a person labelled it, else the inferred sources that set a field. */
  sources: string[];
  /** The weakest strength among the fields that are set (1 for an agent's label); 0 when nothing is known. */
  strength: number;
};

type Field = 'needed' | 'teamCorrect' | 'rightTeam' | 'earlier';

/**
 * Combines the labels of one conversation: each field comes from the agent's label when they answered it, else
 * from the strongest inferred label that sets it (a person beats an inference). Pure.
 */
export function resolveLabel(person: PersonLabel | null, inferred: readonly InferredLabel[]): ResolvedLabel {
  const ranked = [...inferred].sort((a, b) => b.strength - a.strength);
  const sources = new Set<string>();
  const strengths: number[] = [];
  const pick = <K extends Field>(field: K): InferredLabel[K] | null => {
    const own = person?.[field];
    if (own !== null && own !== undefined) {
      sources.add('agent');
      strengths.push(1);
      return own as InferredLabel[K];
    }
    const found = ranked.find((l) => l[field] !== null);
    if (!found) return null;
    sources.add(found.source);
    strengths.push(found.strength);
    return found[field];
  };
  const resolved = {
    needed: pick('needed'),
    teamCorrect: pick('teamCorrect'),
    rightTeam: pick('rightTeam'),
    earlier: pick('earlier'),
  };
  return {
    ...resolved,
    sources: [...sources],
    strength: strengths.length === 0 ? 0 : Math.min(...strengths),
  };
}
