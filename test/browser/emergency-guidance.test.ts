import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  clockFrom,
  launchChromium,
  shot,
  startTestBaton,
  visible,
} from './browser-kit.ts';

const viewport = { width: 1280, height: 720 };

// Nobody is on the clinic's Nurse Line: the emergency guidance must still be the first thing the customer sees,
// as an alert pinned above the "leave a message" panel, and stay there however much the chat scrolls.
describe.skipIf(!browserTestsEnabled)('emergency guidance in the widget', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;

  beforeAll(async () => {
    buildWebIfStale();
    // A Monday, 10:00 in Chicago: the clinic is open, but no agent is online.
    baton = await startTestBaton({}, clockFrom('2026-11-23T16:00:00Z'));
    browser = await launchChromium();
    customer = await (await browser.newContext({ viewport })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('is an alert pinned at the top, above the waiting panel, never scrolled away', async () => {
    await customer.goto(`${baton.url}/?pack=clinic`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I have crushing chest pain and my left arm is numb');
    await input.press('Enter');

    const banner = customer.locator('baton-widget #emergency');
    await visible(banner, 'the pinned emergency guidance', 30_000);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toMatch(/call 911/);
    await visible(
      customer.locator('baton-widget .msg[data-emergency]'),
      'the emergency reply styled as an alert',
    );

    // Above the status and the "leave a message" panel.
    const queue = customer.locator('baton-widget #status[data-kind="queued"]');
    await visible(queue, 'the waiting status', 30_000);
    const bannerBox = await banner.boundingBox();
    const queueBox = await queue.boundingBox();
    expect(bannerBox && queueBox && bannerBox.y + bannerBox.height <= queueBox.y + 1).toBe(true);

    // More messages scroll the log; the guidance stays in view.
    for (const text of ['hello?', 'is anyone there', 'it is getting worse', 'please help', 'I am scared']) {
      await input.fill(text);
      await input.press('Enter');
      await visible(customer.locator('baton-widget .msg[data-author="customer"]', { hasText: text }), text);
    }
    await customer.locator('baton-widget #log').evaluate((log) => {
      log.scrollTop = log.scrollHeight;
    });
    const after = await banner.boundingBox();
    expect(after?.y).toBe(bannerBox?.y);
    expect(await banner.isVisible()).toBe(true);
    await shot(customer, '77-widget-emergency-pinned');
  }, 180_000);
});
