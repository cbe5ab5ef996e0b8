import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Problem, problemFor, problemMediaType } from '../http/problem-details.ts';
import { fail } from '../platform/errors.ts';

/** Where and how `/metrics` is exposed. */
export type MetricsExposure = {
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token: string | undefined;
  /** When set, `/metrics` is served on this port (bound to `host`) and not on the main one. */
  port: number | undefined;
  host: string;
};

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a scrape's Authorization header carries the metrics token (compared in constant time); no token = open. */
export function metricsAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Serves the Prometheus text at `GET /metrics`, on the main server or on a port of its own, behind a bearer
 * token when one is set. Returns where it listens when it has a port of its own.
 */
export function serveMetrics(
  app: FastifyInstance,
  metrics: { contentType: string; render: () => Promise<string> },
  exposure: MetricsExposure,
): { url: () => string | null } {
  const challenge = 'Bearer realm="metrics"';
  if (exposure.port === undefined) {
    app.get('/metrics', async (req, reply) => {
      if (!metricsAuthorized(req.headers.authorization, exposure.token)) {
        reply.header('www-authenticate', challenge);
        fail('UNAUTHENTICATED', 'the metrics need an Authorization: Bearer <metrics token> header');
      }
      reply.header('content-type', metrics.contentType);
      return metrics.render();
    });
    return { url: () => null };
  }

  const server: Server = createServer((req, res) => {
    const json = (code: Problem['code'], detail: string, headers: Record<string, string> = {}) => {
      const problem = problemFor(code, detail);
      res
        .writeHead(problem.status, { 'content-type': problemMediaType, ...headers })
        .end(JSON.stringify(problem));
    };
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      json('NOT_FOUND', `no route ${req.method} ${req.url?.split('?')[0]}`);
      return;
    }
    if (!metricsAuthorized(req.headers.authorization, exposure.token)) {
      json('UNAUTHENTICATED', 'the metrics need an Authorization: Bearer <metrics token> header', {
        'www-authenticate': challenge,
      });
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      (err: unknown) => {
        app.log.error({ err }, 'metrics could not be rendered');
        json('INTERNAL', 'something went wrong on our side');
      },
    );
  });
  // Bound before the app is ready, so a port already in use stops the start instead of going unnoticed.
  app.addHook('onReady', async () => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(exposure.port, exposure.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  });
  app.addHook('onClose', async () => {
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: () => {
      const address = server.address() as AddressInfo | null;
      if (!address) return null;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}/metrics`;
    },
  };
}
