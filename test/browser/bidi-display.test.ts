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

const viewport = { width: 1280, height: 820 };
/** U+202E, the right-to-left override: "refund \u202E001 tnuoma" would read "refund amount 100" on screen. */
const rlo = '\u202E';
const bidi = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

// Text a customer (or an agent) wrote reaches the other side's screen without the controls that reorder it.
describe.skipIf(!browserTestsEnabled)('bidirectional controls in what people write', () => {
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

  it('are not shown in the console or the widget, and are kept as written', async () => {
    const login =
      baton.demoLogins.find((l) => l.email.startsWith('support@')) ??
      baton.demoLogins.find((l) => l.role === 'agent');
    if (!login) throw new Error('startBaton returned no agent login');
    await signInConsole(agent, baton, login.email);

    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill(`I want to talk to a person please, refund ${rlo}001 tnuoma`);
    await input.press('Enter');
    const mine = customer.locator('baton-widget .msg[data-author="customer"] .bubble');
    await visible(mine, "the customer's message in the widget", 30_000);
    expect(await mine.first().textContent()).toBe('I want to talk to a person please, refund 001 tnuoma');

    const offer = agent.locator('.offer');
    await visible(offer, 'the offer in the console', 30_000);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the accepted conversation');
    const said = agent.locator('.msg-customer .msg-body');
    await visible(said, "the customer's message in the console");
    expect(await said.first().textContent()).toBe('I want to talk to a person please, refund 001 tnuoma');
    expect(await agent.locator('.row-last').first().textContent()).not.toMatch(bidi);

    const reply = agent.getByLabel('Reply to the customer');
    await reply.fill(`Done: ${rlo}exe.fdp`);
    await reply.press('Enter');
    const answer = customer.locator('baton-widget .msg[data-author="agent"] .bubble');
    await visible(answer, "the agent's reply in the widget", 30_000);
    expect(await answer.first().textContent()).toBe('Done: exe.fdp');

    // Stored as written: the server keeps the text; only the screens leave the controls out.
    const [open] = await baton.services.conversations.listWithPeople();
    const stored = await baton.services.conversations.listMessages(open!.id, 0);
    expect(stored.find((m) => m.authorKind === 'customer')?.text).toContain(rlo);
    expect(stored.find((m) => m.authorKind === 'agent')?.text).toContain(rlo);
  }, 180_000);
});
