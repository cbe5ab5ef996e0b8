import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  clockFrom,
  launchChromium,
  shot,
  signInConsole,
  startTestBaton,
  visible,
} from './browser-kit.ts';

const viewport = { width: 1280, height: 820 };

// Sunday 22 November 2026, 10:00 in New York: the demo bank is closed until Monday 08:00 New York time.
// The customer reads in London, the agent in Los Angeles: each sees the opening in their own time.
describe.skipIf(!browserTestsEnabled)('outside business hours', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({}, clockFrom('2026-11-22T15:00:00Z'));
    browser = await launchChromium();
    customer = await (
      await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' })
    ).newPage();
    agent = await (
      await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/Los_Angeles' })
    ).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('tells the customer when the team is back in their own time, and the online agent why nothing comes', async () => {
    await signInConsole(agent, baton, 'support@baton.local');
    const notice = agent.locator('.closed-teams');
    await visible(notice, 'the closed-team notice in the console');
    expect(await notice.textContent()).toContain('Customer Support is closed until tomorrow at 5:00 AM');

    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');
    const note = customer.locator('baton-widget .msg[data-author="system"]', {
      hasText: 'offline right now',
    });
    await visible(note, 'the closed-team note in the widget', 30_000);
    const text = (await note.textContent()) ?? '';
    expect(text).toContain("when they're back tomorrow at 13:00");
    expect(text).not.toMatch(/UTC|GMT|\d{4}-\d\d-\d\d|Eastern/);
    await shot(customer, '75-widget-closed-local-time');
    await shot(agent, '76-console-closed-notice');
  }, 180_000);
});
