import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { answerProblems } from '../http/answer-problems.ts';
import { metricsAuthorized, serveMetrics } from './serve-metrics.ts';

const token = 'metrics-token-0123456789';
const metrics = { contentType: 'text/plain; version=0.0.4', render: async () => 'baton_up 1\n' };

describe('metricsAuthorized', () => {
  it.each([
    ['no token configured, no header', undefined, undefined, true],
    ['no token configured, any header', 'Bearer whatever', undefined, true],
    ['the right token', `Bearer ${token}`, token, true],
    ['the right token, any case of Bearer', `bearer ${token}`, token, true],
    ['no header', undefined, token, false],
    ['a wrong token', 'Bearer metrics-token-0123456780', token, false],
    ['a prefix of the token', 'Bearer metrics-token', token, false],
    ['another scheme', `Basic ${token}`, token, false],
  ])('%s', (_name, header, configured, expected) => {
    expect(metricsAuthorized(header, configured)).toBe(expected);
  });
});

describe('serveMetrics', () => {
  let app: FastifyInstance;
  afterEach(async () => {
    await app?.close();
  });

  const build = async (exposure: { token?: string; port?: number }) => {
    app = Fastify();
    answerProblems(app);
    const served = serveMetrics(app, metrics, {
      token: exposure.token,
      port: exposure.port,
      host: '127.0.0.1',
    });
    await app.ready();
    return served;
  };

  it('is open on the main server when no token is set', async () => {
    await build({});
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('baton_up 1\n');
    expect(res.headers['content-type']).toBe(metrics.contentType);
  });

  it('asks for the bearer token on the main server when one is set', async () => {
    await build({ token });
    const missing = await app.inject({ url: '/metrics' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('UNAUTHENTICATED');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(
      (await app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode,
    ).toBe(401);
    const scraped = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toBe('baton_up 1\n');
  });

  it('moves to a port of its own, leaving the main server without it', async () => {
    const served = await build({ port: 0, token });
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(404);
    const url = served.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(url!)).status).toBe(401);
    const scraped = await fetch(url!, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toBe('baton_up 1\n');
    expect((await fetch(url!.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('serves a port of its own without a token when none is set', async () => {
    const served = await build({ port: 0 });
    expect((await fetch(served.url()!)).status).toBe(200);
  });
});
