import type { ConversationService } from '../../conversations/conversation-service.ts';
import type { ChannelStore } from '../channel-store.ts';
import type { TwilioInbound } from './twilio-inbound.ts';

/**
 * An inbound text as a customer message: it continues the latest conversation of this phone number with this
 * number of ours that is not closed (a resolved one reopens), or opens one on channel `sms`. The provider's
 * message id makes a retried webhook one message.
 */
export function createReceiveSms(deps: {
  conversations: ConversationService;
  channels: ChannelStore;
  pack: string;
  maxMessageChars: number;
  now: () => Date;
}) {
  return async (sms: TwilioInbound): Promise<{ conversationId: string; started: boolean }> => {
    const from = sms.From.trim();
    const ours = sms.To.trim();
    let conversationId = await deps.channels.findOpenConversation('sms', from, ours);
    let started = false;
    if (!conversationId) {
      const { conversation } = await deps.conversations.start({
        pack: deps.pack,
        channel: 'sms',
        customer: {},
        with: (scope) =>
          deps.channels.saveContact(
            scope.db,
            { conversationId: scope.conversationId, channel: 'sms', address: from, ours, subject: null },
            deps.now(),
          ),
      });
      conversationId = conversation.id;
      started = true;
    }
    const body = sms.Body.trim() || (Number(sms.NumMedia ?? 0) > 0 ? '(picture message)' : '(empty message)');
    const text = body.length > deps.maxMessageChars ? body.slice(0, deps.maxMessageChars) : body;
    await deps.conversations.postCustomerMessage(conversationId, text, `sms:${sms.MessageSid}`);
    return { conversationId, started };
  };
}
