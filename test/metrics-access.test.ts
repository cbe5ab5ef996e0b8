import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { startTestBaton } from './support/http.ts';

// BATON_METRICS_TOKEN and BATON_METRICS_PORT reach the running server (the modes themselves: serve-metrics.test.ts).

const token = 'scrape-token-for-the-test';
let open: RunningBaton;
let guarded: RunningBaton;

beforeAll(async () => {
  open = await startTestBaton();
  guarded = await startTestBaton({ metricsToken: token, metricsPort: 0 });
  // Two starts (each trains the packs' classifiers) on a machine that may be busy.
}, 180_000);
afterAll(async () => {
  await Promise.allSettled([open?.close(), guarded?.close()]);
});

describe('/metrics', () => {
  it('is open on the main port by default', async () => {
    const res = await fetch(`${open.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/baton_http_requests_total/);
    expect(open.services.analytics.metricsUrl()).toBeNull();
  });

  it('moves to its own port behind the token when configured', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(404);
    const url = guarded.services.analytics.metricsUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(url!)).status).toBe(401);
    const scraped = await fetch(url!, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/baton_http_requests_total/);
  });
});
