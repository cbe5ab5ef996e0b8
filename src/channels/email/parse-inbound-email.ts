import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';

/** An email as Baton reads it: who, which thread, the text and the attachments. */
export type InboundEmail = {
  messageId: string;
  from: { address: string; name: string | null };
  /** Every From address (the sender check wants exactly one), and the Authentication-Results headers, top first. */
  fromAddresses: string[];
  authenticationResults: string[];
  subject: string;
  /** The Message-IDs this email answers (In-Reply-To first, then References, newest first). */
  referenced: string[];
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

/** Why a raw email cannot become a message. */
export class UnreadableEmailError extends Error {
  override name = 'UnreadableEmailError';
}

const idList = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).map((v) => v.trim()).filter(Boolean);

/** Parses a raw RFC 5322 message with `mailparser`; a message without a sender address is refused. */
export async function parseInboundEmail(raw: Buffer): Promise<InboundEmail> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
  const sender = mail.from?.value[0];
  const address = sender?.address?.trim().toLowerCase();
  if (!address) throw new UnreadableEmailError('the email has no sender address');
  const inReplyTo = idList(mail.inReplyTo);
  const references = idList(mail.references).reverse();
  return {
    // Without a Message-ID the content names the email, so the same message delivered twice is one message.
    messageId: mail.messageId ?? `<sha256.${createHash('sha256').update(raw).digest('hex')}@baton.invalid>`,
    from: { address, name: sender?.name?.trim() || null },
    fromAddresses: (mail.from?.value ?? []).map((v) => v.address?.trim().toLowerCase() ?? ''),
    authenticationResults: mail.headerLines
      .filter((h) => h.key === 'authentication-results')
      .map((h) => h.line.slice(h.line.indexOf(':') + 1).trim()),
    subject: mail.subject?.trim() ?? '',
    referenced: [...new Set([...inReplyTo, ...references])],
    text: mail.text ?? '',
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || a.filename)
      .map((a) => ({
        filename: a.filename ?? 'attachment',
        contentType: a.contentType,
        content: a.content,
      })),
  };
}
