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

const viewport = { width: 1280, height: 820 };

// A handoff routed to an online agent: the console shows the offer, the agent accepts, the customer is told.
describe.skipIf(!browserTestsEnabled)('an offered conversation', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    buildWebIfStale();
    // A Monday, 10:00 in New York: the demo bank's teams are open.
    baton = await startTestBaton({}, clockFrom('2026-11-23T15:00:00Z'));
    browser = await launchChromium();
    customer = await (await browser.newContext({ viewport })).newPage();
    agent = await (await browser.newContext({ viewport })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('reaches the online agent, who accepts it', async () => {
    const login =
      baton.demoLogins.find((l) => l.email.startsWith('support@')) ??
      baton.demoLogins.find((l) => l.role === 'agent');
    if (!login) throw new Error('startBaton returned no agent login');
    await agent.goto(`${baton.url}/console/`);
    await agent.getByLabel('Email').fill(login.email);
    await agent.getByLabel('Password').fill(login.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await visible(agent.locator('.conn-live'), 'the live connection');

    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');
    await visible(customer.locator('baton-widget #status[data-kind="queued"]'), 'the queued status', 30_000);

    const offer = agent.locator('.offer');
    await visible(offer, 'the offer in the console', 30_000);
    // The countdown reads the server clock from the Date header; the test clock is shifted, so only its shape is checked.
    expect(await offer.locator('.offer-timer').textContent()).toMatch(/^\d+s/);
    await shot(agent, '30-console-offer');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the accepted conversation, assigned');
    expect(await agent.locator('.offer').count()).toBe(0);
    await visible(
      customer.locator('baton-widget #status[data-kind="assigned"]'),
      '"An agent joined" in the widget',
    );
    await shot(customer, '31-widget-after-accept');
  }, 180_000);
});
