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

const viewport = { width: 1280, height: 820 };
// A Monday, 10:00 in New York (the demo bank's teams are open); the routing timers run when the test says.
const clock = testClock('2026-11-23T15:00:00Z');

// The demo's usual case: one agent in the team. They decline; the conversation waits visibly, the customer is
// quoted the cool-down, and after it the same agent is offered it again.
describe.skipIf(!browserTestsEnabled)('a lone agent who declines an offer', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({}, clock.now, { routingTickMs: 0, presenceGraceSeconds: 24 * 3600 });
    browser = await launchChromium();
    customer = await (await browser.newContext({ viewport })).newPage();
    agent = await (await browser.newContext({ viewport })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('is offered it again after the cool-down, and the widget never quotes a wait nobody can meet', async () => {
    await signInConsole(agent, baton, 'support@baton.local');
    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');
    const status = customer.locator('baton-widget #status[data-kind="queued"]');
    await visible(status, 'the queued status', 30_000);

    const offer = agent.locator('.offer');
    await visible(offer, 'the offer', 30_000);
    await offer.getByRole('button', { name: 'Decline' }).click();
    await gone(offer, 'the declined offer');
    const row = agent.locator('.row-queued .tag-refused', { hasText: 'You declined' });
    await visible(row, 'the "You declined" marker on the waiting conversation');
    // Offered again within the cool-down and the time to accept: about a minute, not a made-up wait.
    await visible(status.locator('small', { hasText: 'Estimated wait: about 1 min' }), 'the honest estimate');
    await shot(agent, '60-console-declined-marker');
    await shot(customer, '61-widget-after-decline');

    clock.advance(61_000);
    await baton.services.routing.tick();
    await visible(offer, 'the same offer again, after the cool-down', 30_000);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the accepted conversation');
    await visible(customer.locator('baton-widget #status[data-kind="assigned"]'), '"An agent joined"');
    expect(await customer.locator('baton-widget #status').textContent()).not.toMatch(/Estimated wait/);
  }, 180_000);

  it('lets a supervisor watch without being offered chats, until they choose teams and take chats', async () => {
    const supervisor = await (await browser.newContext({ viewport })).newPage();
    await signInConsole(supervisor, baton, 'supervisor@baton.local');
    await supervisor.getByRole('button', { name: 'Take chats' }).click();
    const dialog = supervisor.getByRole('dialog', { name: 'Take chats' });
    await dialog.locator('label', { hasText: 'Customer Support' }).click();
    expect(await dialog.getByLabel('Customer Support').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Start taking chats' }).click();
    await visible(supervisor.getByRole('button', { name: 'Taking chats', pressed: true }), 'taking chats');
    await shot(supervisor, '62-console-supervisor-takes-chats');
    await supervisor.getByRole('button', { name: 'Taking chats' }).click();
    await visible(supervisor.getByRole('button', { name: 'Take chats', pressed: false }), 'watching again');
  }, 180_000);
});
