import type { Logger } from 'pino';
import type { ConversationHookEvent, ConversationService } from '../conversations/conversation-service.ts';
import type { BusinessEvent } from '../protocol/business-events.ts';

/** A part that reacts to stored conversation changes. */
type Reacts = { onConversationEvent: (e: ConversationHookEvent) => Promise<void> };

/** Lifecycle changes that webhook subscribers and analytics hear about as business events. */
const businessEvents = {
  take_over: 'conversation.assigned',
  hand_back: 'conversation.handed_back',
  reopen: 'conversation.reopened',
  close: 'conversation.closed',
} as const;

/**
 * The one place where the parts subscribe to stored conversation changes, in an order that is code: analytics
 * records the change, business events go out, then for a handoff the context package is built before routing
 * queues the conversation and offers it (the agent offered it reads the package). A part that fails is logged
 * and the next still runs.
 */
export function subscribeToChanges(deps: {
  conversations: ConversationService;
  analytics: Reacts;
  emit: (event: BusinessEvent) => Promise<void>;
  contextPackages: Reacts;
  routing: Reacts;
  /** Email and SMS: what the bot and agents say goes out to the customer. */
  channels: Reacts;
  log: Logger;
}) {
  const step = async (name: string, e: ConversationHookEvent, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      deps.log.error({ err, event: e.type, step: name }, 'reacting to a conversation change failed');
    }
  };
  deps.conversations.onEvent(async (e) => {
    await step('analytics', e, () => deps.analytics.onConversationEvent(e));
    await step('business event', e, async () => {
      if (e.type === 'created') {
        const { id, pack, channel, state, team } = e.conversation;
        await deps.emit({
          type: 'conversation.created',
          conversationId: id,
          data: { pack, channel, state, team },
        });
        return;
      }
      if (e.type !== 'lifecycle' || !(e.event.type in businessEvents)) return;
      const type = businessEvents[e.event.type as keyof typeof businessEvents];
      await deps.emit({
        type,
        conversationId: e.conversation.id,
        data: { state: e.conversation.state, team: e.conversation.team, agentId: e.conversation.assigneeId },
      });
    });
    await step('context package', e, () => deps.contextPackages.onConversationEvent(e));
    await step('routing', e, () => deps.routing.onConversationEvent(e));
    await step('channels', e, () => deps.channels.onConversationEvent(e));
  });
}
