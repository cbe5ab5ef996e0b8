import type { ConversationService } from '../../conversations/conversation-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { ChannelStore } from '../channel-store.ts';
import { isAuthenticatedSender } from './is-authenticated-sender.ts';
import type { InboundEmail } from './parse-inbound-email.ts';
import { stripQuotedReply } from './strip-quoted-reply.ts';

/** What became of an email: the conversation it went to, and whether that conversation is new. */
export type ReceivedEmail = { conversationId: string; started: boolean; duplicate: boolean };

/**
 * An inbound email as a customer message: a reply to an email Baton sent (In-Reply-To or References naming one
 * of its Message-IDs, from the same address) continues that conversation; anything else opens a conversation
 * on the email channel, for the known customer whose verified email it is when the mail gateway authenticated the
 * sender (`isAuthenticatedSender`), so it continues their open case; else for a new customer of that address. The text is the new part of the email (quotes and signature cut), its attachments
 * become documents (the ones refused are named in the message), and its Message-ID is stored with the message
 * in one transaction, so the same email delivered twice is one message.
 */
export function createReceiveEmail(deps: {
  conversations: ConversationService;
  documents: DocumentService;
  channels: ChannelStore;
  /** Baton's inbox address, and the pack email conversations use. */
  inbox: string;
  pack: string;
  /** The authserv-id of the mail gateway whose Authentication-Results Baton trusts; unset: no email names a known customer. */
  trustedAuthservId: string | undefined;
  maxMessageChars: number;
  now: () => Date;
}) {
  return async (email: InboundEmail): Promise<ReceivedEmail> => {
    const seen = await deps.channels.findEmail(email.messageId);
    let conversationId = seen ?? (await deps.channels.findEmailThread(email.referenced, email.from.address));
    let started = false;
    const authenticated = isAuthenticatedSender(email, deps.trustedAuthservId);
    if (!conversationId) {
      // A From address is no proof: only the gateway's verdict lets it name a customer, and only by an email that
      // their verified identity (or an API key) set; the customer's profile is left as it is.
      const known = authenticated ? await deps.channels.customerByVerifiedEmail(email.from.address) : null;
      const { conversation } = await deps.conversations.start({
        pack: deps.pack,
        channel: 'email',
        customer: known
          ? { externalId: known }
          : { email: email.from.address, ...(email.from.name && { name: email.from.name }) },
        with: (scope) =>
          deps.channels.saveContact(
            scope.db,
            {
              conversationId: scope.conversationId,
              channel: 'email',
              address: email.from.address,
              ours: deps.inbox,
              subject: email.subject || null,
            },
            deps.now(),
          ),
      });
      conversationId = conversation.id;
      started = true;
    }
    const body = stripQuotedReply(email.text) || email.subject || '(empty email)';
    const text = body.length > deps.maxMessageChars ? `${body.slice(0, deps.maxMessageChars - 1)}…` : body;
    const id = conversationId;
    await deps.documents.receive({
      conversationId: id,
      channel: 'email',
      text,
      clientMessageId: `email:${email.messageId}`.slice(0, 200),
      metadata: { email: { subject: email.subject, authenticated } },
      dropRefused: true,
      files: email.attachments.map((a, i) => ({
        clientId: `${email.messageId}#${i}`.slice(0, 200),
        name: a.filename,
        declaredType: a.contentType,
        kind: null,
        content: a.content,
      })),
      also: (scope) => deps.channels.recordEmail(scope.db, email.messageId, id, 'in', deps.now()),
    });
    return { conversationId: id, started, duplicate: seen !== null };
  };
}
