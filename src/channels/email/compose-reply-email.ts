import type { Message } from '../../protocol/conversation.ts';
import type { ChannelContact } from '../channel-store.ts';
import type { OutboundEmail } from './send-email.ts';

/** References kept on a reply: the thread's first and its latest ids (mail clients need no more). */
const maxReferences = 20;

/**
 * The email that carries one bot or agent message to the customer: to their address, "Re:" the thread's
 * subject, answering the latest email they sent (In-Reply-To) with the thread in References, under a
 * Message-ID made from the message's id on Baton's inbox domain.
 */
export function composeReplyEmail(
  contact: Pick<ChannelContact, 'address' | 'ours' | 'subject'>,
  message: Pick<Message, 'id' | 'text'>,
  thread: { messageId: string; direction: 'in' | 'out' }[],
): OutboundEmail {
  const domain = contact.ours.split('@')[1] ?? 'baton.invalid';
  const subject = contact.subject?.trim() || 'Your conversation with us';
  const ids = thread.map((t) => t.messageId);
  const references = ids.length > maxReferences ? [ids[0]!, ...ids.slice(-(maxReferences - 1))] : ids;
  return {
    to: contact.address,
    subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
    text: message.text,
    messageId: `<${message.id}@${domain}>`,
    inReplyTo: thread.findLast((t) => t.direction === 'in')?.messageId ?? ids.at(-1) ?? null,
    references,
  };
}
