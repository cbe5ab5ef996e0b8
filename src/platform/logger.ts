import pino, { type Logger } from 'pino';
import { loggableErrors } from './loggable-error.ts';

/** Fields that must never reach a log line in clear. */
const redactPaths = [
  'password',
  '*.password',
  'req.headers.authorization',
  'headers.authorization',
  'token',
  '*.token',
  'customerToken',
  '*.customerToken',
];

/**
 * Builds the structured logger (JSON lines; pretty on a terminal in dev). Errors are logged without the values
 * of a failed query (`loggableErrors`); `scrub` masks personal data (card numbers, national ids, ...) in every
 * logged object, errors included, and in the message; the composition root passes the PII redactor.
 */
export function createLogger(
  level: string,
  pretty = false,
  scrub: <T>(value: T) => T = (value) => value,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Errors are plain objects by now (formatters.log): pino's own error serializer would fold their causes away.
    serializers: { err: (value: unknown) => value },
    formatters: { log: (object: Record<string, unknown>) => scrub(loggableErrors(object) as typeof object) },
    hooks: {
      logMethod(args, method) {
        let [first, ...rest] = args as unknown[];
        if (first instanceof Error) first = { err: first };
        const err = (first as { err?: unknown } | null | undefined)?.err;
        // Without a message pino logs the error's own: give it the one the error is logged with.
        if (rest.length === 0 && err instanceof Error)
          rest = [(loggableErrors(err) as { message: string }).message];
        const all = [first, ...rest].map((a) => (typeof a === 'string' ? scrub(a) : a));
        method.apply(this, all as Parameters<typeof method>);
      },
    },
    ...(pretty && !destination
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
