import type { Logger } from 'pino';
import type { ConversationHookEvent, ConversationService } from '../conversations/conversation-service.ts';
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
  const record = async (conversationId: string, decision: EscalateDecision) => {
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
      turns,
      decision,
      pack: pack ?? { id: conversation.pack, teams: [] },
      now: deps.now(),
      history,
    });
    const { package: redacted, secrets } = redactPackage(built);
    await deps.store.save({ package: redacted, secrets, now: deps.now() });
  };

  const listener = async (e: ConversationHookEvent) => {
    if (e.type !== 'lifecycle') return;
    const { event, conversation } = e;
    const isHandoff = event.type === 'handoff' || (event.type === 'take_over' && e.previous.state === 'bot');
    if (!isHandoff) return;
    try {
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
    /** Builds the package of a handoff (or a take-over from the bot); a failure is logged, never thrown. */
    onConversationEvent: listener,
    /** Waits for packages being built (tests, shutdown). */
    settle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

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
