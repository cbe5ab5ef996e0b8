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
  signInConsole,
  startTestBaton,
  visible,
  watchErrors,
} from './browser-kit.ts';

const viewport = { width: 1366, height: 860 };
const summary = 'Re-linked your cloud account under Settings > Account > Linked devices; sync works again.';

// Context kept across a hand-back: the E202 flow fails, an engineer solves it and hands back with a summary, the
// customer comes back with the same error and the bot recalls the fix instead of repeating the three steps.
// On the way, each side sees the other typing, and the customer sees the engineer by name.
describe.skipIf(!browserTestsEnabled)('a hand-back the bot remembers, with typing both ways', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;
  let engineer: Page;
  const pageErrors: string[] = [];
  const widget = (selector: string) => customer.locator(`baton-widget ${selector}`);
  const botReplies = () => widget('.msg[data-author="bot"] .bubble').allTextContents();

  /** The customer sends a message and waits for the bot's answer to it. */
  const ask = async (text: string) => {
    const before = (await botReplies()).length;
    const input = customer.getByLabel('Your message');
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(async () => (await botReplies()).length, { timeout: 30_000 }).toBeGreaterThan(before);
    return (await botReplies()).at(-1) ?? '';
  };

  beforeAll(async () => {
    buildWebIfStale();
    // A Tuesday: the software pack's teams are open all day.
    baton = await startTestBaton({}, clockFrom('2026-11-24T10:00:00Z'));
    browser = await launchChromium();
    const page = async (name: string) => {
      const p = await (await browser.newContext({ viewport })).newPage();
      watchErrors(p, pageErrors, name);
      return p;
    };
    customer = await page('customer');
    engineer = await page('engineer');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('the E202 flow fails three times and the customer is handed to Level 2, whose engineer accepts', async () => {
    await signInConsole(engineer, baton, 'l2@baton.local');
    await customer.goto(`${baton.url}/?pack=software`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    expect(await ask('sync fails with error E202')).toMatch(/Clear cache/);
    await ask('cleared it, still E202');
    await ask('logged out and in again, no luck');
    await ask("reinstalled, it's STILL there");
    await visible(widget('#status[data-kind="queued"]'), 'the queued status', 30_000);

    await engineer.locator('.offer').getByRole('button', { name: 'Accept' }).click();
    await visible(engineer.locator('.conv-head .badge-assigned'), 'the accepted conversation');
  }, 180_000);

  it('each side sees the other typing, and the customer sees the engineer by name', async () => {
    await customer.getByLabel('Your message').fill('hi, are you');
    await visible(engineer.locator('.typing-note'), "the customer's typing note in the console");
    expect(await engineer.locator('.typing-note').textContent()).toMatch(/is typing…/);
    await customer.getByLabel('Your message').fill('');
    await gone(engineer.locator('.typing-note'), "the customer's typing note");

    const reply = engineer.getByLabel('Reply to the customer');
    await reply.fill('Let me look at your account');
    await visible(widget('#typing:not([hidden])'), "the engineer's typing note in the widget");
    expect(await widget('#typing-text').textContent()).toBe('Level 2 Engineering Agent is typing…');
    await shot(customer, '80-widget-agent-typing');
    await reply.press('Enter');
    await visible(
      widget('.msg[data-author="agent"] .bubble').filter({ hasText: 'look at your account' }),
      'the reply',
    );
    await gone(widget('#typing:not([hidden])'), 'the typing note, once the reply arrived');
    expect(await widget('.msg[data-author="agent"] .meta').first().textContent()).toBe(
      'Level 2 Engineering Agent',
    );
  }, 180_000);

  it('the engineer hands back with a summary that both sides see in the transcript', async () => {
    await engineer.getByRole('button', { name: 'Hand back to bot' }).click();
    const dialog = engineer.getByRole('dialog', { name: 'Hand back to the assistant' });
    await dialog.getByLabel(/Summary/).fill(summary);
    await dialog.getByRole('button', { name: 'Hand back' }).click();
    await gone(dialog, 'the hand-back dialog');
    await visible(
      engineer.locator('.msg-system', { hasText: 'Summary: Re-linked your cloud account' }),
      'the summary in the console',
    );
    await visible(
      widget('.msg[data-author="system"]').filter({ hasText: 'Summary: Re-linked your cloud account' }),
      'the summary in the widget',
    );
  }, 180_000);

  it('the same error again: the bot recalls the fix and does not repeat the three steps', async () => {
    const answer = await ask("I'm getting E202 when syncing again");
    expect(answer).toContain('Re-linked your cloud account');
    expect(answer).toContain('Level 2 Engineering Agent');
    expect(answer).not.toMatch(/Settings > Advanced > Clear cache|uninstall Tandem/);
    await shot(customer, '81-widget-bot-recalls-fix');
    expect(await ask('yes that worked again, thanks')).toMatch(/glad/i);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
