import type { Logger } from 'pino';
import type { ConversationHookEvent } from '../conversations/conversation-service.ts';
import type { Conversation, Message } from '../protocol/conversation.ts';

/** A channel that carries what the bot and agents say to the customer (email, SMS). */
export type OutboundChannel = {
  channel: string;
  deliver: (conversation: Conversation, message: Message) => Promise<void>;
};

/**
 * The outbound side of the channels, subscribed in the ordered change subscription: every stored bot reply,
 * handoff note and agent reply of a conversation on a channel goes out through that channel, in the order
 * the changes were stored. The web channel needs nothing: the widget reads the log live.
 */
export function deliverToChannels(deps: { channels: OutboundChannel[]; log: Logger }) {
  const byName = new Map(deps.channels.map((c) => [c.channel, c]));
  return {
    async onConversationEvent(e: ConversationHookEvent): Promise<void> {
      if (e.type !== 'bot_message' && e.type !== 'agent_message') return;
      if (e.message.internal) return;
      const channel = byName.get(e.conversation.channel);
      if (!channel) return;
      await channel.deliver(e.conversation, e.message);
    },
  };
}
