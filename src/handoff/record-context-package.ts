import type { Logger } from 'pino';
import type { ConversationHookEvent, ConversationService } from '../conversations/conversation-service.ts';
import type { ContextTransfer } from '../protocol/context-package.ts';
import type { Conversation, Message } from '../protocol/conversation.ts';
import type { EscalateDecision } from '../protocol/decision.ts';
import type { Pack } from '../protocol/pack.ts';
import { buildContextPackage } from './build-context-package.ts';
import type { ContextPackageStore } from './context-package-store.ts';
import { redactPackage } from './redact-pii.ts';

/**
 * On every handoff, builds the context package from the decision the handoff carries and what is stored
 * (messages, bot turns), redacts personal data and saves it, so the agent who takes over reads it instead of
 * asking again.
 */
export function recordContextPackages(deps: {
  conversations: ConversationService;
  store: ContextPackageStore;
  pack: (id: string) => Pack | undefined;
  now: () => Date;
  log: Logger;
  /** The lines summarizing what the customer did before this conversation (their timeline); none by default. */
  history?: (conversation: { id: string; customerId: string }) => Promise<string[]>;
}) {
  const record = async (conversationId: string, decision: EscalateDecision, transfer?: ContextTransfer) => {
    const conversation = await deps.conversations.get(conversationId);
    const [customer, messages, turns, history] = await Promise.all([
      deps.conversations.getCustomer(conversation.customerId),
      deps.conversations.listMessages(conversationId, 0, 5000),
      deps.conversations.listTurns(conversationId),
      deps.history?.(conversation) ?? Promise.resolve([]),
    ]);
    const pack = deps.pack(conversation.pack);
    const built = buildContextPackage({
      conversation,
      customer: customer ?? { name: null, email: null, externalId: null, tier: 'standard', attributes: {} },
      messages,
      turns: turnsSinceHandBack(messages, turns),
      decision,
      pack: pack ?? { id: conversation.pack, teams: [] },
      now: deps.now(),
      ...(transfer && { transfer }),
      history,
    });
    const { package: redacted, secrets } = redactPackage(built);
    await deps.store.save({ package: redacted, secrets, now: deps.now() });
  };

  /** A transfer rebuilds the package for the receiving team: the last decision, the new team and the note. */
  const recordTransfer = async (conversation: Conversation, previous: Conversation) => {
    const messages = await deps.conversations.listMessages(conversation.id, previous.lastSeq, 500);
    const transfer = describeTransfer(messages, previous.team, deps.pack(conversation.pack), deps.now());
    const before = (await deps.store.get(conversation.id))?.package.decision;
    const team = conversation.team ?? before?.team ?? 'unassigned';
    const decision: EscalateDecision = before
      ? {
          ...handedOverWithout({ team, priority: conversation.priority }),
          kind: before.kind,
          mode: before.mode,
          risk: before.risk,
          emergency: before.emergency,
          signals: before.signals,
          rule: 'transfer',
          reasons: [transferReason(transfer), ...before.reasons],
        }
      : handedOverWithout({ team, priority: conversation.priority, reasons: [transferReason(transfer)] });
    await record(conversation.id, decision, transfer);
  };

  const listener = async (e: ConversationHookEvent) => {
    if (e.type !== 'lifecycle') return;
    const { event, conversation } = e;
    try {
      if (event.type === 'transfer_to_team') {
        await recordTransfer(conversation, e.previous);
        return;
      }
      const isHandoff =
        event.type === 'handoff' || (event.type === 'take_over' && e.previous.state === 'bot');
      if (!isHandoff) return;
      const decided = event.type === 'handoff' ? event.decision : undefined;
      await record(
        conversation.id,
        decided ??
          handedOverWithout({
            team: conversation.team ?? 'unassigned',
            priority: conversation.priority,
            reasons: event.type === 'handoff' ? event.reasons : undefined,
          }),
      );
    } catch (err) {
      deps.log.error({ err, conversationId: conversation.id }, 'context package failed');
    }
  };
  const pending = new Set<Promise<void>>();
  return {
    record,
    /** Builds the package of a handoff (or a take-over from the bot, or a transfer); a failure is logged, never thrown. */
    onConversationEvent: listener,
    /** Waits for packages being built (tests, shutdown). */
    settle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** After a hand-back the package is about what came since: the earlier topic was settled by a person. */
function turnsSinceHandBack<T extends { messageSeq?: number | null }>(
  messages: readonly Message[],
  turns: readonly T[],
): readonly T[] {
  const handedBack = messages.findLast((m) => m.metadata.event === 'handed_back')?.seq;
  if (handedBack === undefined) return turns;
  const since = turns.filter((t) => (t.messageSeq ?? 0) > handedBack);
  return since.length > 0 ? since : turns;
}

/** The transfer the stored notes describe: the agent's note, or the overflow note, written with the move. */
function describeTransfer(
  messages: readonly Message[],
  fromTeam: string | null,
  pack: Pack | undefined,
  now: Date,
): ContextTransfer {
  const note = messages.findLast(
    (m) => m.internal && (m.metadata.event === 'transfer_note' || m.metadata.event === 'overflow'),
  );
  const fromTeamName = fromTeam ? (pack?.teams.find((t) => t.id === fromTeam)?.name ?? fromTeam) : null;
  if (note?.metadata.event === 'transfer_note') {
    const by = typeof note.metadata.fromName === 'string' ? note.metadata.fromName : 'An agent';
    const text = typeof note.metadata.note === 'string' ? note.metadata.note : note.text;
    return { fromTeam, fromTeamName, by, note: text, at: note.createdAt };
  }
  return {
    fromTeam,
    fromTeamName,
    by: 'Overflow',
    note: note?.text ?? 'Moved to this team.',
    at: note?.createdAt ?? now.toISOString(),
  };
}

const transferReason = (t: ContextTransfer) =>
  `Transferred${t.fromTeamName ? ` from ${t.fromTeamName}` : ''} by ${t.by}: ${t.note}`;

/** The decision of a handoff Baton's policy did not take (an agent taking over, another bot, a failing bot). */
function handedOverWithout(fallback: {
  team: string;
  priority: EscalateDecision['priority'];
  reasons?: string[];
}): EscalateDecision {
  return {
    kind: 'handoff',
    team: fallback.team,
    priority: fallback.priority,
    mode: 'warm',
    rule: 'manual',
    emergency: false,
    risk: 1,
    reasons: fallback.reasons ?? ['An agent took the conversation over from the assistant.'],
    signals: [],
    thresholds: { offer: 0, handoff: 0 },
    rules: [],
  };
}
