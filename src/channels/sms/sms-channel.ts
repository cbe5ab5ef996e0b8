import type { Logger } from 'pino';
import type { Conversation, Message } from '../../protocol/conversation.ts';
import type { ChannelStore } from '../channel-store.ts';
import type { OutboundChannel } from '../deliver-to-channels.ts';
import type { SendSms } from './send-sms.ts';
import { splitSms } from './split-sms.ts';

/** The SMS channel's outbound side: each bot or agent message as text messages from the number the customer wrote to. */
export function createSmsChannel(deps: { store: ChannelStore; send: SendSms; log: Logger }): OutboundChannel {
  return {
    channel: 'sms',
    async deliver(conversation: Conversation, message: Message) {
      const contact = await deps.store.getContact(conversation.id);
      if (!contact) {
        deps.log.warn({ conversationId: conversation.id }, 'an SMS conversation without a contact');
        return;
      }
      for (const body of splitSms(message.text))
        await deps.send({ to: contact.address, from: contact.ours, body });
    },
  };
}
