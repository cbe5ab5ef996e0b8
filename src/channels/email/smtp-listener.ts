import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { AppError } from '../../platform/errors.ts';
import { type InboundEmail, parseInboundEmail, UnreadableEmailError } from './parse-inbound-email.ts';

/** An SMTP error the client is told: 5xx refuses for good, 4xx asks it to try again later. */
function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Baton's own SMTP listener (`smtp-server`): takes mail for its inbox addresses, parses it (`mailparser`) and hands
 * it to `receive`; answers 250 once the message is stored, 5xx for mail it will never take (too large, not for
 * its inbox, unreadable), 4xx when storing failed and the sender should try again.
 */
export async function startSmtpListener(deps: {
  host: string;
  port: number;
  /** The addresses mail is accepted for (lower case). */
  inboxes: string[];
  maxBytes: number;
  receive: (email: InboundEmail) => Promise<unknown>;
  log: Logger;
}): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: deps.maxBytes,
    logger: false,
    banner: 'Baton',
    onRcptTo(address, _session, callback) {
      if (!deps.inboxes.includes(address.address.toLowerCase()))
        return callback(smtpError(`no mailbox ${address.address} here`, 550));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError('message too large', 552));
        parseInboundEmail(Buffer.concat(chunks))
          .then((email) => deps.receive(email))
          .then(
            () => callback(null, 'stored'),
            (err: unknown) => {
              if (err instanceof UnreadableEmailError) return callback(smtpError(err.message, 550));
              if (err instanceof AppError && err.status < 500) return callback(smtpError(err.message, 550));
              deps.log.error({ err }, 'storing an inbound email failed');
              callback(smtpError('could not store the message, try again later', 451));
            },
          );
      });
    },
  });
  server.on('error', (err) => deps.log.warn({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
