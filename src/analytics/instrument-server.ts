import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { BatonMetrics } from './baton-metrics.ts';

const errorCode = /"code":"([A-Z0-9_]+)"/;

/** Counts HTTP responses (by route template) and error codes, and the error frames sent over WebSockets. */
export function instrumentServer(app: FastifyInstance, metrics: BatonMetrics): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      const code = errorCode.exec(payload.slice(0, 200))?.[1];
      if (code) metrics.httpError(code);
    }
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpResponse(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode);
  });
  // The gateway writes error frames straight to its sockets; watching each socket's sends sees them all.
  const wss = (
    app as FastifyInstance & {
      websocketServer?: { on: (e: 'connection', f: (s: WebSocket) => void) => void };
    }
  ).websocketServer;
  wss?.on('connection', (socket) => {
    const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
    socket.send = ((data: unknown, ...rest: unknown[]) => {
      if (typeof data === 'string' && data.startsWith('{"type":"error"')) {
        const code = errorCode.exec(data)?.[1];
        if (code) metrics.wsError(code);
      }
      send(data, ...rest);
    }) as WebSocket['send'];
  });
}
