/** What happened in one ended conversation, as far as its outcome labels go. */
export type OutcomeFacts = {
  /** The first team the conversation was handed to; null when no person ever took part. */
  firstTeam: string | null;
  /** Teams it was transferred to afterwards, in order. */
  transfers: readonly string[];
  /** The agents' replies to the customer, with whether each was a macro's text. */
  agentReplies: ReadonlyArray<{ macro: boolean }>;
  /** The bot's turns before the first handoff: what was decided, and whether the customer asked for a person. */
  turns: ReadonlyArray<{ kind: 'stay' | 'offer' | 'handoff'; personRequested: boolean }>;
  /** The customer's rating 1-5, if any. */
  csat: number | null;
  /** The bot was inside a flow (not completed) when the conversation ended without a person. */
  endedMidFlow: boolean;
  /** The same customer's next conversation about the same topic within a day, if any. */
  recontact: { conversationId: string; hours: number } | null;
};

/** The labels' sources, strongest kinds first. */
export type InferredSource =
  | 'transfer'
  | 'asked_for_person'
  | 'recontact'
  | 'low_csat'
  | 'abandoned'
  | 'macro_reply';

/** A label inferred from what happened: only the fields it can tell are set. */
export type InferredLabel = {
  source: InferredSource;
  needed: boolean | null;
  teamCorrect: boolean | null;
  rightTeam: string | null;
  earlier: boolean | null;
  /** How far it can be trusted, 0..1 (an agent's own label counts as 1 and always wins). */
  strength: number;
  evidence: string;
};

const label = (
  source: InferredSource,
  strength: number,
  evidence: string,
  fields: Partial<Pick<InferredLabel, 'needed' | 'teamCorrect' | 'rightTeam' | 'earlier'>>,
): InferredLabel => ({
  source,
  needed: null,
  teamCorrect: null,
  rightTeam: null,
  earlier: null,
  ...fields,
  strength,
  evidence,
});

/**
 * Reads labels off what happened, without anyone labelling: a transfer to another team means the first team was
 * wrong; one macro reply that resolved it means the person was possibly not needed; for a conversation the bot
 * kept, asking for a person after the bot had answered, coming back within a day about the same thing, a rating
 * of 1-2 or giving up mid-flow mean a person was needed. Pure.
 */
export function inferOutcomeLabels(facts: OutcomeFacts): InferredLabel[] {
  const out: InferredLabel[] = [];
  const handedOff = facts.firstTeam !== null;
  const movedTo = facts.transfers.filter((t) => t !== facts.firstTeam).at(-1);
  if (handedOff && movedTo)
    out.push(
      label('transfer', 0.8, `transferred from ${facts.firstTeam} to ${movedTo}`, {
        teamCorrect: false,
        rightTeam: movedTo,
      }),
    );
  if (handedOff && facts.agentReplies.length === 1 && facts.agentReplies[0]!.macro && !movedTo)
    out.push(label('macro_reply', 0.4, 'resolved by the agent in one reply with a macro', { needed: false }));
  const askedAt = facts.turns.findIndex((t) => t.personRequested);
  const keptBefore = askedAt > 0 && facts.turns.slice(0, askedAt).every((t) => t.kind === 'stay');
  if (keptBefore)
    out.push(
      label(
        'asked_for_person',
        0.6,
        `the customer asked for a person at turn ${askedAt + 1} after the bot kept ${askedAt} turn${askedAt > 1 ? 's' : ''}`,
        { needed: true, earlier: true },
      ),
    );
  if (handedOff) return out;
  if (facts.recontact)
    out.push(
      label(
        'recontact',
        0.6,
        `the customer came back ${Math.round(facts.recontact.hours)} h later about the same thing (${facts.recontact.conversationId})`,
        { needed: true },
      ),
    );
  if (facts.csat !== null && facts.csat <= 2)
    out.push(label('low_csat', 0.5, `the customer rated the bot ${facts.csat}/5`, { needed: true }));
  if (facts.endedMidFlow)
    out.push(label('abandoned', 0.4, 'the customer left in the middle of a flow', { needed: true }));
  return out;
}

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Whether an agent's reply is (mostly) a macro's text: it holds a macro that makes up most of it. */
export function isMacroReply(text: string, macros: readonly string[]): boolean {
  const reply = normal(text);
  if (reply === '') return false;
  return macros.some((m) => {
    const macro = normal(m);
    return macro !== '' && reply.includes(macro) && macro.length >= reply.length * 0.6;
  });
}
