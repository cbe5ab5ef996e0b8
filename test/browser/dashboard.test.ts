import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateTraffic } from '../../src/analytics/simulate-traffic.ts';
import { type RunningBaton, startBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  launchChromium,
  shotsDir,
  signInConsole,
  visible,
  watchErrors,
} from './browser-kit.ts';

const viewport = { width: 1440, height: 900 };
const minute = 60_000;
const day = 24 * 60 * minute;
const days = 4;
// Thursday 10:00 in New York to Monday 10:00: weekdays and a weekend, the demo teams open at the end.
const simulationStart = Date.parse('2026-11-19T15:00:00Z');

/**
 * Baton's clock for this test: manual while the simulation moves it from step to step, then running at real
 * speed from the end of the simulated span (the browser's clock is set to match).
 */
function simulationClock(start: number) {
  let t = start;
  let liveSince: number | null = null;
  return {
    now: () => new Date(liveSince === null ? t : t + (Date.now() - liveSince)),
    advance: (ms: number) => {
      t += ms;
    },
    goLive: (at: number) => {
      t = Math.max(t, at);
      liveSince = Date.now();
    },
  };
}

// A supervisor opens the dashboard over a few simulated days of traffic: every chart is drawn, queues are live.
describe.skipIf(!browserTestsEnabled)('the supervisor dashboard', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let page: Page;
  const clock = simulationClock(simulationStart);
  const pageErrors: string[] = [];

  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${baton.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as { conversation: { id: string }; customerToken: string };
  };
  /** A customer asks for a person: the conversation waits in a queue. */
  const waitingCustomer = async (pack: string, text: string) => {
    const created = await api('POST', '/api/v1/conversations', { pack });
    await api(
      'POST',
      `/api/v1/conversations/${created.conversation.id}/messages`,
      { text, clientMessageId: 'live-1' },
      created.customerToken,
    );
    await baton.services.conversations.settle();
    return { id: created.conversation.id, token: created.customerToken };
  };

  beforeAll(async () => {
    buildWebIfStale();
    // What `baton simulate` does, in this process: routing timers and spike checks run when the simulation says.
    baton = await startBaton({
      now: clock.now,
      routingTickMs: 0,
      spikeCheckMs: 0,
      presenceGraceSeconds: 30 * 24 * 3600,
      config: {
        port: 0,
        host: '127.0.0.1',
        dataDir: '',
        databaseUrl: undefined,
        redisUrl: undefined,
        demoUsers: true,
        logLevel: 'warn',
        rateLimitPerMinute: 1_000_000,
        ipRateLimitPerMinute: 1_000_000,
      },
    });
    const stats = await simulateTraffic({
      baton,
      clock,
      days,
      perDay: 40,
      seed: 11,
      agents: baton.demoLogins
        .filter((l) => l.role === 'agent')
        .map((l) => ({ email: l.email, password: l.password })),
    });
    clock.goLive(simulationStart + days * day);
    expect(stats.handedOff).toBeGreaterThan(10);
    // Live queues: one customer past the first-reply SLA (10 min at normal priority), one about to be.
    await waitingCustomer('bank', 'I want to talk to a person about a mortgage refinance');
    clock.advance(10 * minute + 30_000);
    await baton.services.routing.tick();
    await waitingCustomer('retail', 'My order never arrived and I want to speak to a human');
    clock.advance(9 * minute + 15_000);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport });
    // The dashboard's periods end at the browser's "now": make it Baton's.
    await context.clock.install({ time: clock.now() });
    page = await context.newPage();
    watchErrors(page, pageErrors, 'supervisor');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('draws every chart from the simulated history, and follows queues and notices live', async () => {
    await signInConsole(page, baton, 'supervisor@baton.local');
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await visible(
      page.locator('[data-chart="handoffs-by-reason"] svg .mark'),
      'the handoffs-by-reason bars',
      30_000,
    );

    const marks = async (chart: string, selector: string) =>
      page.locator(`[data-chart="${chart}"] svg.chart ${selector}`).count();
    expect(await marks('handoffs-by-reason', 'rect.mark')).toBeGreaterThan(4);
    expect(await marks('journey', 'path.mark.sankey-link')).toBeGreaterThan(4);
    // Nodes: the bot, reasons, teams and at least one outcome.
    expect(await marks('journey', '.sankey-node rect.mark')).toBeGreaterThanOrEqual(4);
    expect(await marks('durations', 'rect.mark')).toBe(6);
    expect(await marks('csat', 'rect.mark')).toBeGreaterThanOrEqual(2);
    expect(await marks('sla-breaches', 'rect.mark')).toBeGreaterThan(0);
    expect(await marks('wait-estimates', 'rect.mark')).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-empty="true"]').count()).toBe(0);

    // Every chart is an image with a name, and has a legend.
    for (const svg of await page.locator('svg.chart').all()) {
      expect((await svg.locator('title').first().textContent())?.trim()).toBeTruthy();
      expect(await svg.getAttribute('role')).toBe('img');
    }
    expect(await page.locator('.dash-card .legend').count()).toBeGreaterThanOrEqual(6);

    const tiles = page.locator('[data-tile]');
    expect(await tiles.count()).toBe(6);
    expect(await page.locator('[data-tile="containment"] .tile-value').textContent()).toMatch(
      /^\d+(\.\d)?%$/,
    );
    expect(await page.locator('[data-tile="time-to-agent"] .tile-value').textContent()).toMatch(/ (s|min)$/);

    const queueRows = page.locator('[data-chart="queues"] tbody tr');
    expect(await queueRows.count()).toBe((await baton.services.routing.listTeams()).length);
    await visible(page.locator('[data-chart="queues"] tbody tr[data-team="support"]'), 'the support queue');
    const waiting = async () =>
      (await page.locator('[data-chart="queues"] tbody tr td.num strong').allTextContents())
        .map(Number)
        .reduce((a, b) => a + b, 0);
    expect(await waiting()).toBe(2);
    // The queue past its SLA comes first, highlighted.
    await visible(
      page.locator('[data-chart="queues"] tbody tr.queue-risk[data-team="loans"]'),
      'the breached loans queue',
    );

    const handoffs = page.locator('[data-chart="recent-handoffs"] .handoff-item');
    expect(await handoffs.count()).toBeGreaterThan(0);
    expect((await handoffs.first().locator('.handoff-reason').textContent())?.length).toBeGreaterThan(10);

    // Live: a new customer waits (the queues follow), then leaves a message (a notice arrives).
    const customer = await waitingCustomer('insurance', 'I need to speak to a real person about my claim');
    await api(
      'POST',
      `/api/v1/conversations/${customer.id}/ticket`,
      { kind: 'message', email: 'pat@example.com', note: 'Please call me about the claim.' },
      customer.token,
    );
    await visible(
      page.locator('[data-chart="alerts"] [data-event="ticket.created"]'),
      'the new message as a live notice',
    );
    await expect.poll(waiting).toBe(3);
    await visible(
      page.locator('[data-chart="recent-handoffs"] .handoff-item[data-pack="insurance"]'),
      'the new handoff in the recent list',
    );

    mkdirSync(shotsDir, { recursive: true });
    const path = join(shotsDir, 'dashboard.png');
    await page.screenshot({ path, fullPage: true });
    console.log(`dashboard screenshot: ${path}`);
  }, 180_000);

  it('filters by pack and period', async () => {
    await page.getByLabel('Pack', { exact: true }).selectOption('bank');
    await visible(
      page.locator('.dash-head', { hasText: 'in Harbor Community Bank' }),
      'the bank-only period line',
    );
    const packs = () =>
      page
        .locator('[data-chart="recent-handoffs"] [data-pack]')
        .evaluateAll((items) => [...new Set(items.map((i) => i.getAttribute('data-pack')))]);
    await expect.poll(packs).toEqual(['bank']);

    await page.locator('.seg label', { hasText: 'Last 24 h' }).click();
    // The last 24 hours come hour by hour.
    await visible(
      page.locator('[data-chart="handoffs-by-reason"] .dash-card-sub', { hasText: /^Per hour/ }),
      'the hourly handoffs of the last 24 hours',
    );

    // A custom period without traffic: every chart says so instead of drawing.
    await page.locator('.seg label', { hasText: 'Custom' }).click();
    await page.getByLabel('From (UTC)').fill('2026-01-05');
    await page.getByLabel('To (UTC)').fill('2026-01-11');
    await visible(page.locator('.dash-head', { hasText: /Jan 5/ }), 'the custom period line');
    await expect.poll(() => page.locator('[data-empty="true"]').count()).toBe(6);
    expect(await page.locator('[data-tile="containment"] .tile-value').textContent()).toBe('–');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
