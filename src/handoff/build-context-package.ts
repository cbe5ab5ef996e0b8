import {
  type ContextPackage,
  type ContextTransfer,
  contextPackageVersion,
} from '../protocol/context-package.ts';
import type { Conversation, Customer, Message } from '../protocol/conversation.ts';
import { collectFacts, type HandoffDecision, type PackInfo, type TurnRecord } from './collect-facts.ts';
import { suggestNextStep } from './suggest-next-step.ts';
import { summarizeFacts } from './summarize-facts.ts';

export type { HandoffDecision, PackInfo, TurnRecord } from './collect-facts.ts';

/** Everything the package is built from; the caller loads it and passes the time in. */
export type BuildContextInput = {
  conversation: Pick<Conversation, 'id' | 'customerId' | 'channel' | 'pack'>;
  customer: Pick<Customer, 'name' | 'email' | 'externalId' | 'tier' | 'attributes'>;
  messages: readonly Pick<Message, 'seq' | 'authorKind' | 'text' | 'internal' | 'createdAt'>[];
  /** The stored bot turns, any order (a `StoredTurn[]` fits). */
  turns: readonly TurnRecord[];
  /** The decision that triggered the handoff. */
  decision: HandoffDecision;
  pack: PackInfo;
  now: Date | string;
  /** The transfer this package is rebuilt for: its note leads the summary's outcome and the next step. */
  transfer?: ContextTransfer;
  /** What the customer did before (their timeline, summarized), newest first; absent for a first contact. */
  history?: readonly string[];
};

/** Builds the (unredacted) context package: pure, by rules over the bot turns, no clock or I/O. */
export function buildContextPackage(input: BuildContextInput): ContextPackage {
  const { conversation, customer, decision, pack } = input;
  const facts = collectFacts(pack, decision, input.turns, input.transfer ?? null);
  const teamName = pack.teams.find((t) => t.id === decision.team)?.name ?? decision.team;
  return {
    version: contextPackageVersion,
    conversationId: conversation.id,
    customerId: conversation.customerId,
    channel: conversation.channel,
    pack: conversation.pack,
    createdAt: typeof input.now === 'string' ? input.now : input.now.toISOString(),
    decision: {
      kind: decision.kind,
      rule: decision.rule,
      team: decision.team,
      teamName,
      priority: decision.priority,
      mode: decision.mode,
      risk: decision.risk,
      emergency: decision.emergency ?? false,
      turn: facts.turns.at(-1)?.turn ?? 0,
      reasons: [...decision.reasons],
      signals: decision.signals
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score)
        .map((s) => ({ detector: s.detector, score: s.score, evidence: [...s.evidence] })),
    },
    summary: summarizeFacts(facts, teamName),
    transcript: [...input.messages]
      .filter((m) => !m.internal)
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({ seq: m.seq, authorKind: m.authorKind, text: m.text, at: m.createdAt })),
    sentiment: facts.sentiment,
    toolResults: facts.tools,
    customer: {
      name: customer.name,
      email: customer.email,
      externalId: customer.externalId,
      tier: customer.tier,
      attributes: { ...customer.attributes },
    },
    nextStep: suggestNextStep(facts),
    ...(input.transfer && { transfer: { ...input.transfer } }),
    ...(input.history && input.history.length > 0 && { history: [...input.history] }),
    redactions: [],
  };
}
