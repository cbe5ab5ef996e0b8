import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  gone,
  launchChromium,
  shot,
  startTestBaton,
  visible,
  watchErrors,
} from './browser-kit.ts';

const viewport = { width: 1280, height: 820 };

// One conversation, end to end: the widget on the demo page and the agent console, against the real server.
describe.skipIf(!browserTestsEnabled)('a customer and an agent through a whole chat', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customerContext: BrowserContext;
  let agentContext: BrowserContext;
  let customer: Page;
  let agent: Page;
  let conversationId: string;
  const pageErrors: string[] = [];

  const widget = (selector: string) => customer.locator(`baton-widget ${selector}`);
  const widgetTexts = () => widget('.msg .bubble').allTextContents();

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton();
    browser = await launchChromium();
    customerContext = await browser.newContext({ viewport });
    agentContext = await browser.newContext({ viewport });
    customer = await customerContext.newPage();
    agent = await agentContext.newPage();
    watchErrors(customer, pageErrors, 'customer');
    watchErrors(agent, pageErrors, 'agent');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('the customer opens the widget on the demo page and the bot answers', async () => {
    await customer.goto(`${baton.url}/?pack=bank`);
    await visible(customer.getByRole('heading', { level: 1 }), 'the demo page heading');
    await shot(customer, '01-demo-page');

    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await visible(input, 'the message box');
    await input.fill('What are your opening hours?');
    await input.press('Enter');

    await visible(
      widget('.msg[data-author="customer"][data-state="sent"]'),
      'the acknowledged customer message',
    );
    await visible(widget('.msg[data-author="bot"]'), 'the bot answer', 30_000);
    await shot(customer, '02-widget-bot-answer');

    conversationId = await customer.evaluate(() => {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith('baton-widget:'))
          return JSON.parse(localStorage.getItem(key)!).conversationId as string;
      }
      return '';
    });
    expect(conversationId).toMatch(/\S/);
  }, 180_000);

  it('the agent logs in and finds the conversation in the inbox', async () => {
    const login = baton.demoLogins.find((l) => l.role === 'agent') ?? baton.demoLogins[0];
    if (!login) throw new Error('startBaton returned no demo logins');
    await agent.goto(`${baton.url}/console`);
    await agent.getByLabel('Email').fill(login.email);
    await agent.getByLabel('Password').fill('not the password');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await visible(agent.getByRole('alert'), 'the login error from the server');
    await shot(agent, '03-console-login-error');

    await agent.getByLabel('Password').fill(login.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    const row = agent.locator(`[data-conversation-id="${conversationId}"]`);
    await visible(row, 'the conversation in the inbox');
    await row.click();
    await visible(
      agent.locator('.transcript .msg[data-author="customer"]', { hasText: 'What are your opening hours?' }),
      "the customer's message in the transcript",
    );
    await visible(agent.locator('.transcript .msg[data-author="bot"]'), "the bot's answer in the transcript");
    await shot(agent, '04-console-conversation');
  }, 180_000);

  it('the agent takes over and the customer sees that an agent joined', async () => {
    await agent.getByRole('button', { name: 'Take over' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the assigned state in the console');
    await visible(widget('#status[data-kind="assigned"]'), '"An agent joined" in the widget');
    expect(await widget('#status').textContent()).toContain('An agent joined');
    await shot(customer, '05-widget-agent-joined');
  }, 180_000);

  it('both sides exchange messages live, and internal notes stay in the console', async () => {
    const reply = agent.getByLabel('Reply to the customer');
    await reply.fill('Hi, this is your agent. Happy to help with the opening hours.');
    await reply.press('Enter');
    await visible(
      agent.locator('.transcript .msg[data-author="agent"][data-state="sent"]', { hasText: 'Happy to help' }),
      "the agent's acknowledged reply",
    );
    await visible(widget('.msg[data-author="agent"]'), "the agent's reply in the widget");

    await agent.getByRole('checkbox', { name: 'Internal note' }).check({ force: true });
    const note = agent.getByLabel('Internal note', { exact: true }).and(agent.locator('textarea'));
    await note.fill('Customer asked about hours; no account issue.');
    await note.press('Enter');
    await visible(
      agent.locator('.transcript .msg-internal', { hasText: 'no account issue' }),
      'the internal note',
    );
    await agent.getByRole('checkbox', { name: 'Internal note' }).uncheck({ force: true });

    const input = customer.getByLabel('Your message');
    await input.fill('Thank you! Is the Downtown branch open on Saturday?');
    await input.press('Enter');
    await visible(
      agent.locator('.transcript .msg[data-author="customer"]', { hasText: 'Downtown branch' }),
      "the customer's reply in the console",
    );
    await reply.fill('Yes, from 9:00 to 14:00.');
    await reply.press('Enter');
    await visible(
      widget('.msg[data-author="agent"]').filter({ hasText: '9:00 to 14:00' }),
      'the second agent reply',
    );

    expect((await widgetTexts()).join('\n')).not.toContain('no account issue');
    await shot(customer, '06-widget-live-chat');
    await shot(agent, '07-console-live-chat');
  }, 180_000);

  it('the customer reloads the page and still sees the whole conversation, once', async () => {
    const before = await widgetTexts();
    expect(before.length).toBeGreaterThanOrEqual(5);
    await customer.reload();
    await visible(
      widget('.msg[data-author="agent"]').filter({ hasText: '9:00 to 14:00' }),
      'the transcript after reload',
    );
    await expect.poll(widgetTexts, { timeout: 10_000 }).toEqual(before);
    expect(await widget('#status').textContent()).toContain('An agent joined');
    await shot(customer, '08-widget-after-reload');
  }, 180_000);

  it('the agent resolves the conversation', async () => {
    await agent.getByRole('button', { name: 'Resolve' }).click();
    await visible(
      agent.locator('.conv-head .badge-resolved, .banner-error'),
      'the outcome of Resolve in the console',
    );
    const refused = agent.locator('.banner-error');
    if (await refused.isVisible()) {
      await shot(agent, '09-console-resolve-failed');
      throw new Error(`the server refused Resolve: ${await refused.textContent()}`);
    }
    await gone(agent.locator(`[data-conversation-id="${conversationId}"]`), 'the conversation in the inbox');
    await visible(widget('#ended'), 'the resolved notice in the widget');
    await shot(agent, '09-console-resolved');
    await shot(customer, '10-widget-resolved');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
