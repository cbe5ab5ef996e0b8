import type { Logger } from 'pino';
import type { Conversation, Message } from '../../protocol/conversation.ts';
import type { ChannelStore } from '../channel-store.ts';
import type { OutboundChannel } from '../deliver-to-channels.ts';
import { composeReplyEmail } from './compose-reply-email.ts';
import type { SendEmail } from './send-email.ts';

/** The email channel's outbound side: a reply email per message, its Message-ID recorded for the thread. */
export function createEmailChannel(deps: {
  store: ChannelStore;
  send: SendEmail;
  now: () => Date;
  log: Logger;
}): OutboundChannel {
  return {
    channel: 'email',
    async deliver(conversation: Conversation, message: Message) {
      const contact = await deps.store.getContact(conversation.id);
      if (!contact) {
        deps.log.warn({ conversationId: conversation.id }, 'an email conversation without a contact');
        return;
      }
      const email = composeReplyEmail(contact, message, await deps.store.emailThread(conversation.id));
      // Recorded first: the customer's answer to it finds the conversation even if it comes back very fast.
      await deps.store.recordEmail(deps.store.db, email.messageId, conversation.id, 'out', deps.now());
      await deps.send(email);
    },
  };
}
