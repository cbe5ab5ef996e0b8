import type { FastifyInstance } from 'fastify';

/** The routes a widget on another company's site calls: open to any origin, bearer tokens only, no cookies. */
const crossOriginPaths = [/^\/api\/v1\/conversations(\/|$|\?)/, /^\/api\/v1\/packs(\/|$|\?)/, /^\/schemas\//];

/** Answers CORS preflights and adds the CORS headers on the customer API. */
export function allowCrossOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || !crossOriginPaths.some((p) => p.test(req.url))) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'retry-after');
    if (req.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-allow-headers', 'authorization, content-type');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
}
