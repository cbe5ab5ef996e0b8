import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import { testClock } from '../support/test-clock.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  gone,
  launchChromium,
  shot,
  signInConsole,
  startTestBaton,
  visible,
} from './browser-kit.ts';

const viewport = { width: 1280, height: 900 };
const apiKey = 'risk-monitor-key-0001';
const title = 'Flash-crash pattern on ESZ6';

// A risk monitor's flash-crash alert pages senior traders, compliance and IT operations at once; each console
// shows its own team's view, each team acknowledges, and the shared timeline holds every step until resolved.
describe.skipIf(!browserTestsEnabled)('the flash-crash incident in three consoles', () => {
  // From the real time: the console reads deadlines against the server's Date header, which the test clock does not move.
  const clock = testClock(new Date().toISOString());
  let baton: RunningBaton;
  let browser: Browser;
  const pages: Record<'traders' | 'compliance' | 'it', Page> = {} as never;
  let incidentId: string;

  const raise = async (body: Record<string, unknown>) => {
    const res = await fetch(`${baton.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { outcome: string; incident: { id: string; count: number } };
  };
  const alert = {
    pack: 'trading',
    type: 'flash_crash',
    severity: 'critical',
    fingerprint: 'flash-crash:ESZ6',
    title,
    source: 'risk-monitor',
    facts: {
      instrument: 'ESZ6',
      priceMove: '-4.8%',
      window: '90 s',
      volume: 182000,
      positionsExposed: ['ESZ6 long 420', 'NQZ6 long 35'],
      clientsAffected: 37,
      systemsAffected: ['matching-engine', 'risk-gateway'],
      matchingLatencyMs: 840,
    },
  };

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({ apiKeys: [apiKey] }, clock.now, { routingTickMs: 0 });
    browser = await launchChromium();
    const emails = {
      traders: 'traders@baton.local',
      compliance: 'compliance@baton.local',
      it: 'it-ops@baton.local',
    };
    for (const [who, email] of Object.entries(emails) as [keyof typeof pages, string][]) {
      pages[who] = await (await browser.newContext({ viewport })).newPage();
      await signInConsole(pages[who], baton, email);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  const banner = (page: Page) => page.getByRole('alert', { name: 'Open incidents' });
  const teamChip = (page: Page, team: string) => banner(page).locator(`li[data-team="${team}"]`);

  it('pages the three teams at once, each console showing its own view', async () => {
    const started = Date.now();
    incidentId = (await raise(alert)).incident.id;
    await Promise.all(
      Object.entries(pages).map(([who, page]) =>
        visible(banner(page).getByText(title), `the banner for ${who}`),
      ),
    );
    console.info(`alert -> three banners visible: ${Date.now() - started} ms`);

    for (const page of Object.values(pages))
      await banner(page).getByRole('button', { name: 'Open incident' }).click();
    const trader = pages.traders.getByRole('dialog');
    await visible(trader.locator('[data-view="traders"]'), 'the traders view');
    await expect.poll(() => trader.locator('[data-view]').count()).toBe(1);
    expect(await trader.textContent()).toContain('Pull quotes and pause automated strategies on ESZ6');
    expect(await trader.locator('[data-view="traders"]').textContent()).toContain('ESZ6 long 420');

    const compliance = pages.compliance.getByRole('dialog');
    await visible(compliance.locator('[data-view="compliance"]'), 'the compliance view');
    await expect.poll(() => compliance.locator('[data-view]').count()).toBe(1);
    const complianceText = await compliance.locator('[data-view="compliance"]').textContent();
    expect(complianceText).toContain('Preserve order, quote and communication records for ESZ6');
    expect(complianceText).toMatch(/Reporting deadline due in 59 min/);

    const it = pages.it.getByRole('dialog');
    await visible(it.locator('[data-view="it_ops"]'), 'the IT view');
    await expect.poll(() => it.locator('[data-view]').count()).toBe(1);
    expect(await it.getByRole('link', { name: 'Runbook' }).getAttribute('href')).toBe(
      'https://runbooks.meridian.example/flash-crash',
    );
    expect(await it.locator('[data-view="it_ops"]').textContent()).toContain('matching-engine, risk-gateway');
    await shot(pages.compliance, '70-incident-compliance-view');
    for (const page of Object.values(pages))
      await page.getByRole('button', { name: 'Close incident' }).click();
  });

  it('folds a repeat into the same incident', async () => {
    const repeat = await raise({ ...alert, facts: { priceMove: '-6.1%' } });
    expect(repeat).toMatchObject({ outcome: 'updated', incident: { id: incidentId, count: 2 } });
    await visible(banner(pages.it).getByText('×2'), 'the repeat count');
  });

  it('lets each team acknowledge; the silent ones are re-paged first', async () => {
    await banner(pages.traders).getByRole('button', { name: 'Acknowledge for Senior Traders' }).click();
    await visible(
      teamChip(pages.compliance, 'traders').getByText(/acknowledged by/),
      'the traders ack in compliance',
    );

    clock.advance(120_000);
    expect(await baton.services.incidents.runTimers()).toBe(1);
    await visible(
      teamChip(pages.traders, 'compliance').getByText('waiting (page 2)'),
      'the compliance re-page',
    );
    await visible(teamChip(pages.it, 'it_ops').getByText('waiting (page 2)'), 'the IT re-page');

    await banner(pages.compliance).getByRole('button', { name: 'Acknowledge for Compliance' }).click();
    await banner(pages.it).getByRole('button', { name: 'Acknowledge for IT Operations' }).click();
    for (const page of Object.values(pages))
      for (const team of ['traders', 'compliance', 'it_ops'])
        await visible(teamChip(page, team).getByText(/acknowledged by/), `${team} acknowledged`);
  });

  it('shows every team the same timeline, then resolves for all', async () => {
    await banner(pages.traders).getByRole('button', { name: 'Open incident' }).click();
    const dialog = pages.traders.getByRole('dialog');
    await dialog.getByLabel('Note for every team').fill('Quotes pulled, algos paused on ESZ6');
    await dialog.getByRole('button', { name: 'Add note' }).click();

    await banner(pages.compliance).getByRole('button', { name: 'Open incident' }).click();
    const timeline = pages.compliance.getByRole('list', { name: 'Timeline' });
    await visible(timeline.getByText('Quotes pulled, algos paused on ESZ6'), 'the trader note in compliance');
    await expect
      .poll(async () =>
        timeline.locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind'))),
      )
      .toEqual([
        'opened',
        'paged',
        'paged',
        'paged',
        'repeated',
        'acknowledged',
        'repaged',
        'repaged',
        'acknowledged',
        'acknowledged',
        'note',
      ]);
    await shot(pages.compliance, '71-incident-timeline');

    await banner(pages.it).getByRole('button', { name: 'Open incident' }).click();
    const itDialog = pages.it.getByRole('dialog');
    await itDialog.getByLabel('Resolution summary').fill('Erroneous sell order cancelled; market recovered');
    await itDialog.getByRole('button', { name: 'Resolve' }).click();
    for (const [who, page] of Object.entries(pages)) await gone(banner(page), `the banner for ${who}`);
  });
});
