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

/** Builds the structured logger (JSON lines; pretty on a terminal in dev). */
export function createLogger(level: string, pretty = false): Logger {
  return pino({
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}

export type { Logger };
