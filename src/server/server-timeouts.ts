import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import type { Config } from '../platform/config.ts';

type Timeouts = Pick<
  Config,
  'headersTimeoutMs' | 'requestTimeoutMs' | 'idleTimeoutMs' | 'keepAliveTimeoutMs'
>;

/**
 * The server options that bound how long a slow client may hold a socket: the headers and the whole request
 * must arrive in time, and an idle socket is closed. Node checks the first two on an interval, so the interval
 * follows the headers timeout instead of Node's fixed 30 seconds.
 */
export function serverTimeouts(config: Timeouts): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: config.idleTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.headersTimeoutMs / 4))),
    },
  };
}
