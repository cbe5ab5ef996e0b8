import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  clockFrom,
  gone,
  launchChromium,
  shot,
  startTestBaton,
  visible,
} from './browser-kit.ts';

// A waiting customer behind a flood of empty conversations: the console shows them, and loads the rest on demand.
describe.skipIf(!browserTestsEnabled)('the console inbox', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton(
      { rateLimitPerMinute: 100_000, ipRateLimitPerMinute: 100_000 },
      clockFrom('2026-11-23T15:00:00Z'),
    );
    const create = async () =>
      (await baton.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} })).json()
        .conversation.id as string;
    const queuedId = await create();
    await baton.services.conversations.apply(queuedId, {
      type: 'handoff',
      team: 'loans',
      priority: 'normal',
    });
    for (let i = 0; i < 60; i++) await create();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 820 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('shows the waiting customer at once, and the conversations with the assistant a page at a time', async () => {
    const login = baton.demoLogins.find((l) => l.email.startsWith('loans@'))!;
    await page.goto(`${baton.url}/console/`);
    await page.getByLabel('Email').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.locator('.conn-live'), 'the live connection');

    const rows = page.locator('.inbox-rows > *');
    await visible(page.locator('.row-queued, .row-assigned'), 'the waiting customer');
    expect(await rows.count()).toBe(51);
    expect(await page.locator('.inbox-head .count').textContent()).toBe('51+');
    await shot(page, '60-console-inbox-first-page');

    await page.getByRole('button', { name: 'Load more conversations' }).click();
    await gone(page.getByRole('button', { name: /Load more conversations/ }), 'the load-more button');
    expect(await rows.count()).toBe(61);
    expect(await page.locator('.inbox-head .count').textContent()).toBe('61');
  }, 180_000);
});
