import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { securityHeaders } from './security-headers.ts';

type Cache = 'revalidate' | 'short' | 'immutable';
const cacheOptions = {
  revalidate: { maxAge: 0 },
  short: { maxAge: '5m' },
  immutable: { maxAge: '365d', immutable: true },
} as const;

const notBuilt = 'The web UI is not built. Run `npm run build:web` (or `npm install`, which builds it).';

/**
 * Serves the built web UI from `distDir` (dist/web): the demo page at `/`, `/widget.js` for any site,
 * and the agent console under `/console/`, where unknown paths fall back to its index.html (SPA routing).
 */
export async function serveWeb(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(fastifyStatic, { root: distDir, serve: false });

  const send = (reply: FastifyReply, file: string, cache: Cache) => {
    reply.headers(securityHeaders(file.endsWith('.html') ? 'page' : 'file'));
    if (!existsSync(join(distDir, file))) {
      if (file.endsWith('index.html') || file === 'widget.js')
        return reply.code(503).type('text/plain').send(notBuilt);
      return reply.callNotFound();
    }
    return reply.sendFile(file, cacheOptions[cache]);
  };

  app.get('/', (_req, reply) => send(reply, 'index.html', 'revalidate'));

  app.get('/widget.js', (_req, reply) => {
    // Embedded by other sites, including ones that isolate themselves (COEP).
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('access-control-allow-origin', '*');
    return send(reply, 'widget.js', 'short');
  });

  app.get<{ Params: { '*': string } }>('/assets/*', (req, reply) =>
    send(reply, `assets/${req.params['*']}`, 'immutable'),
  );

  app.get('/console', (req, reply) => {
    // With ignoreTrailingSlash this route also answers `/console/`: serve the app rather than loop.
    if (req.url.split('?')[0]!.endsWith('/')) return send(reply, 'console/index.html', 'revalidate');
    return reply.redirect('/console/', 308);
  });

  app.get<{ Params: { '*': string } }>('/console/*', (req, reply) => {
    const rest = req.params['*'];
    if (rest.split('/').includes('..')) return reply.callNotFound();
    if (rest.startsWith('assets/')) return send(reply, `console/${rest}`, 'immutable');
    // Paths with an extension are files (404 when missing); anything else is a console route.
    if (extname(rest)) return send(reply, `console/${rest}`, 'revalidate');
    return send(reply, 'console/index.html', 'revalidate');
  });
}
