/** The parts of a decision that matter to the customer: kept or handed over, to which team, by which rule. */
export type DecisionGist = { kind: string; team: string | null; rule: string | null; reply: string | null };

/** Reads the gist of a stored or fresh decision (plain JSON) and the reply the bot gave with it. */
export function decisionGist(decision: Record<string, unknown>, reply: string | null): DecisionGist {
  return {
    kind: String(decision.kind ?? 'stay'),
    team: typeof decision.team === 'string' ? decision.team : null,
    rule: typeof decision.rule === 'string' ? decision.rule : null,
    reply,
  };
}

/** How a shadow decision differs from the live one: nothing, the reply, or what happens to the customer. */
export function compareDecisions(live: DecisionGist, shadow: DecisionGist): 'same' | 'reply' | 'decision' {
  if (live.kind !== shadow.kind || (live.kind !== 'stay' && live.team !== shadow.team)) return 'decision';
  return live.reply === shadow.reply ? 'same' : 'reply';
}
