import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  clockFrom,
  launchChromium,
  signInConsole,
  startTestBaton,
  visible,
} from './browser-kit.ts';
import { seriousViolations } from './serious-violations.ts';

// axe-core is injected as a script (the page's CSP is bypassed for that alone). axe-core on the three faces of Baton, each in a state with content: the widget waiting in the queue, the console
// with an accepted conversation, the dashboard with data. Nothing serious or critical may be reported.
describe.skipIf(!browserTestsEnabled)('accessibility (axe-core)', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    buildWebIfStale();
    // A Monday, 10:00 in New York: the demo bank's teams are open.
    baton = await startTestBaton({}, clockFrom('2026-11-23T15:00:00Z'));
    browser = await launchChromium();
    customer = await (
      await browser.newContext({ viewport: { width: 1280, height: 820 }, bypassCSP: true })
    ).newPage();
    agent = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true })
    ).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('the widget, waiting for an agent', async () => {
    await signInConsole(agent, baton, 'support@baton.local');
    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');
    await visible(customer.locator('baton-widget #status[data-kind="queued"]'), 'the queued status', 30_000);
    const found = await seriousViolations(customer);
    expect(found, found.join('\n')).toEqual([]);
  }, 180_000);

  it('the console, with the accepted conversation open; focus lands in the reply box', async () => {
    const offer = agent.locator('.offer');
    await visible(offer, 'the offer', 30_000);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the accepted conversation');
    await agent.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Reply to the customer',
    );
    const found = await seriousViolations(agent);
    expect(found, found.join('\n')).toEqual([]);
  }, 180_000);

  it('the dashboard', async () => {
    const supervisor = await (
      await browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP: true })
    ).newPage();
    await signInConsole(supervisor, baton, 'supervisor@baton.local');
    await supervisor
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Dashboard' })
      .click();
    await visible(supervisor.locator('.dashboard .tiles li').first(), 'the dashboard tiles');
    const found = await seriousViolations(supervisor);
    expect(found, found.join('\n')).toEqual([]);
  }, 180_000);
});
