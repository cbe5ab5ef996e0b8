import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { answerProblems, frameworkErrors } from './answer-problems.ts';

describe('answerProblems', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
  });

  const build = async () => {
    app = Fastify({ frameworkErrors, return503OnClosing: false, bodyLimit: 1024 });
    answerProblems(app);
    app.get('/missing', async () => {
      throw new AppError('CONVERSATION_NOT_FOUND', 'no conversation c1', { id: 'c1' });
    });
    app.get('/limited', async () => {
      throw new AppError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 7 });
    });
    app.get('/bug', async () => {
      throw new Error('secret internals');
    });
    app.post('/echo', async (req) => req.body);
    app.get('/p/:id', async () => 'ok');
    await app.ready();
    return app;
  };

  it.each([
    ['a coded error', 'GET', '/missing', undefined, undefined, 404, 'CONVERSATION_NOT_FOUND'],
    ['an unknown route', 'GET', '/nowhere', undefined, undefined, 404, 'NOT_FOUND'],
    ['a body that is not JSON', 'POST', '/echo', '{"a":', 'application/json', 400, 'INVALID_JSON'],
    ['a text body', 'POST', '/echo', 'hello', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'a form body',
      'POST',
      '/echo',
      'a=1',
      'application/x-www-form-urlencoded',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body too large',
      'POST',
      '/echo',
      JSON.stringify({ a: 'x'.repeat(2000) }),
      'application/json',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a path that is not UTF-8', 'GET', '/p/%ED%A0%80', undefined, undefined, 400, 'VALIDATION_FAILED'],
    ['a bug', 'GET', '/bug', undefined, undefined, 500, 'INTERNAL'],
  ] as const)('answers %s as problem details', async (_name, method, url, payload, type, status, code) => {
    await build();
    const res = await app.inject({
      method,
      url,
      ...(payload !== undefined && { payload, headers: { 'content-type': type as string } }),
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      status,
      code,
      type: `urn:baton:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    });
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    expect(res.body).not.toContain('secret internals');
  });

  it('keeps the details and says when to retry', async () => {
    await build();
    const missing = await app.inject({ method: 'GET', url: '/missing' });
    expect(missing.json()).toMatchObject({ detail: 'no conversation c1', details: { id: 'c1' } });
    const limited = await app.inject({ method: 'GET', url: '/limited' });
    expect([limited.statusCode, limited.headers['retry-after']]).toEqual([429, '7']);
  });

  it('answers a request that arrives while the server closes with a 503 problem', async () => {
    app = Fastify({ return503OnClosing: false });
    answerProblems(app);
    app.get('/ok', async () => 'ok');
    let late: { status: number; type: string | null; body: unknown } | undefined;
    // Runs after the one answerProblems adds, while the server still listens.
    app.addHook('preClose', async () => {
      const res = await fetch(`${address}/ok`);
      late = { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${address}/ok`)).status).toBe(200);
    await app.close();
    expect(late?.status).toBe(503);
    expect(late?.type).toMatch(/^application\/problem\+json/);
    expect(late?.body).toMatchObject({ status: 503, code: 'NOT_READY' });
  });
});
