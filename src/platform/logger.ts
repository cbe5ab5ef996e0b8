import pino, { type Logger } from 'pino';

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
 * Builds the structured logger (JSON lines; pretty on a terminal in dev). `scrub` masks personal data
 * (card numbers, national ids, ...) in every logged object; the composition root passes the PII redactor.
 */
export function createLogger(
  level: string,
  pretty = false,
  scrub?: <T>(value: T) => T,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    ...(scrub && { formatters: { log: (object: Record<string, unknown>) => scrub(object) } }),
    ...(scrub && {
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    }),
    ...(pretty && !destination
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
