import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';
import { serveWeb } from './serve-web.ts';

describe('securityHeaders', () => {
  it.each([
    ['page', ["frame-ancestors 'none'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"]],
  ] as const)('gives a %s a CSP that keeps it to its own origin', (resource, directives) => {
    const csp = securityHeaders(resource)['content-security-policy'] ?? '';
    for (const directive of directives) expect(csp.split('; ')).toContain(directive);
  });

  it('gives a file nosniff only', () => {
    expect(securityHeaders('file')).toEqual({ 'x-content-type-options': 'nosniff' });
  });
});

describe('the web UI', () => {
  let app: FastifyInstance;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'baton-web-'));
    mkdirSync(join(dist, 'console/assets'), { recursive: true });
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(dist, 'console/index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'widget.js'), 'console.log("widget")');
    writeFileSync(join(dist, 'assets/app.js'), 'console.log("app")');
    app = Fastify();
    await serveWeb(app, dist);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['/', '/console/', '/console/conversations/c1'])(
    'serves %s unframeable, with a CSP',
    async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('serves widget.js to any site, unsniffed and without a page policy', async () => {
    const res = await app.inject({ url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    });
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  it('serves assets unsniffed', async () => {
    const res = await app.inject({ url: '/assets/app.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
