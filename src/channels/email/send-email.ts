import nodemailer from 'nodemailer';

/** One email Baton sends to a customer. */
export type OutboundEmail = {
  to: string;
  subject: string;
  text: string;
  /** The Message-ID Baton sets, so a reply to it finds the conversation. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
};

/** Sends through the configured SMTP relay; throws when the relay refuses. */
export type SendEmail = (email: OutboundEmail) => Promise<void>;

/** A sender over an SMTP relay (`nodemailer`), from Baton's inbox address. */
export function createSmtpSender(options: {
  relayUrl: string;
  from: string;
}): SendEmail & { close: () => void } {
  const transport = nodemailer.createTransport(options.relayUrl);
  const send = async (email: OutboundEmail) => {
    await transport.sendMail({
      from: options.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: email.messageId,
      ...(email.inReplyTo && { inReplyTo: email.inReplyTo }),
      ...(email.references.length > 0 && { references: email.references }),
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}
