import type { ConversationLabel } from '../feedback/outcome-labels.ts';
import type { LabelledConversation } from '../protocol/learning.ts';

/** What was said in one stored conversation, as the labelled history needs it. */
export type StoredTranscript = {
  id: string;
  pack: string;
  customer: { tier: 'standard' | 'gold' | 'vip'; attributes: Record<string, unknown> };
  /** The customer's messages, in order. */
  customerTexts: string[];
  /** The agents' replies to the customer, in order. */
  agentTexts: string[];
  /** The customer turn the bot handed off at, and to which team; null when it never did. */
  handoff: { turn: number; team: string } | null;
  /** The team the conversation ended with (after transfers), if any. */
  team: string | null;
};

/** Most customer turns a labelled conversation keeps. */
const maxTurns = 30;

/**
 * A stored conversation with its outcome label in the labelled-conversation format (`expect` is the outcome, the
 * agents' replies the `resolution`): not needed = no handoff; needed = a handoff at the turn it came (one earlier
 * when it should have come earlier; by the last turn the bot held when it never came), to the right team. Null
 * when the label says nothing about whether a person was needed. Pure.
 */
export function toLabelledConversation(
  t: StoredTranscript,
  label: ConversationLabel,
  defaultTeam: string,
): LabelledConversation | null {
  const turns = t.customerTexts
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .slice(0, maxTurns)
    .map((text) => ({ text }));
  if (turns.length === 0) return null;
  // A handoff that stood (nobody said otherwise) counts as needed; the bot keeping it needs a label.
  const needed = label.needed ?? (t.handoff || t.agentTexts.length > 0 ? true : null);
  if (needed === null) return null;
  const resolution = t.agentTexts.join('\n').trim();
  const common = {
    id: t.id,
    pack: t.pack,
    customer: { tier: t.customer.tier, attributes: t.customer.attributes },
    turns,
    ...(resolution && { resolution }),
  };
  if (!needed) return { ...common, expect: { handoff: false } };
  const came = t.handoff?.turn ?? null;
  const turn = Math.max(
    1,
    Math.min(turns.length, came === null ? turns.length : came - (label.earlier ? 1 : 0)),
  );
  const team = label.rightTeam ?? t.handoff?.team ?? t.team ?? defaultTeam;
  // Without a handoff to go by, any turn up to the last the bot held is right.
  const tolerance = came === null ? turn - 1 : 0;
  return { ...common, expect: { handoff: true, turn, tolerance, team } };
}
