import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Csat, HandoffLabel } from '../../src/protocol/analytics.ts';
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

const viewport = { width: 1280, height: 820 };

/** The conversation id and customer token the widget saved in the page's localStorage. */
async function savedSession(page: Page): Promise<{ conversationId: string; token: string }> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('baton-widget:'));
    if (!key) throw new Error('the widget saved no session');
    return JSON.parse(localStorage.getItem(key) ?? '{}');
  });
}

// The customer's rating after the chat, and the agent's verdict on the handoff, through the real UI.
describe.skipIf(!browserTestsEnabled)('feedback: the customer rates, the agent labels the handoff', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let agent: Page;
  const pageErrors: string[] = [];

  const get = async <T>(path: string, token: string): Promise<T> => {
    const res = await fetch(`${baton.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, `GET ${path}`).toBe(200);
    return (await res.json()) as T;
  };
  const newCustomer = async (name: string) => {
    const page = await (await browser.newContext({ viewport })).newPage();
    watchErrors(page, pageErrors, name);
    await page.goto(`${baton.url}/?pack=bank`);
    await page.getByRole('button', { name: /Open support chat/ }).click();
    return page;
  };
  const send = async (page: Page, text: string) => {
    const input = page.getByLabel('Your message');
    await input.fill(text);
    await input.press('Enter');
  };

  beforeAll(async () => {
    buildWebIfStale();
    // A Monday, 10:00 in New York: the demo bank's teams are open.
    baton = await startTestBaton({}, clockFrom('2026-11-23T15:00:00Z'));
    browser = await launchChromium();
    agent = await (await browser.newContext({ viewport })).newPage();
    watchErrors(agent, pageErrors, 'agent');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('the customer ends a bot chat, rates it 4 with a comment, and the rating survives a reload', async () => {
    const customer = await newCustomer('customer a');
    const widget = (selector: string) => customer.locator(`baton-widget ${selector}`);
    await send(customer, 'What are your opening hours?');
    await visible(widget('.msg[data-author="bot"]'), "the bot's answer");
    await shot(customer, '60-feedback-bot-chat');

    await customer.getByRole('button', { name: 'End chat' }).click();
    const stars = customer.getByRole('radiogroup', { name: 'How was this chat?' });
    await visible(stars, 'the rating card');
    await visible(
      widget('.msg[data-author="system"]').filter({ hasText: 'You ended the conversation' }),
      'the ended note',
    );
    expect(await customer.getByRole('button', { name: 'End chat' }).isVisible()).toBe(false);
    // The stars are radios: focus lands on the first, the arrow keys move along, the choice is announced by label.
    await expect
      .poll(() => stars.getByRole('radio', { name: /^1 star/ }).evaluate((el) => el.matches(':focus')))
      .toBe(true);
    await customer.keyboard.press('ArrowRight');
    await customer.keyboard.press('ArrowRight');
    await customer.keyboard.press('ArrowRight');
    expect(await stars.getByRole('radio', { name: /^4 stars/ }).isChecked()).toBe(true);
    await customer.getByLabel('Comment (optional)').fill('Quick answer, thanks!');
    await shot(customer, '61-feedback-rating-card');
    await customer.getByRole('button', { name: 'Submit' }).click();
    await visible(customer.getByRole('status').filter({ hasText: 'Thanks for your feedback' }), 'the thanks');
    expect(await widget('#rating-done').textContent()).toContain('4 out of 5');
    await shot(customer, '62-feedback-thanks');

    const { conversationId, token } = await savedSession(customer);
    const { csat } = await get<{ csat: Csat | null }>(`/conversations/${conversationId}/csat`, token);
    expect(csat).toMatchObject({ rating: 4, comment: 'Quick answer, thanks!', path: 'bot_only' });

    await customer.reload();
    await visible(widget('#rating-done'), 'the thanks after a reload');
    await customer.waitForTimeout(300); // the panel's opening animation
    expect(await widget('#rating-done').textContent()).toContain('4 out of 5');
    expect(await widget('#rating').isVisible()).toBe(false);
    await shot(customer, '63-feedback-thanks-after-reload');

    // A new conversation starts clean: no card, the bot answers again.
    await customer.getByRole('button', { name: 'New conversation' }).click();
    await gone(widget('.msg'), 'the old transcript');
    expect(await widget('#rating-done').isVisible()).toBe(false);
    await send(customer, 'Do you have a branch downtown?');
    await visible(widget('.msg[data-author="bot"]'), "the bot's answer in the new conversation");
    expect((await savedSession(customer)).conversationId).not.toBe(conversationId);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('the agent resolves a handoff, labels it "not needed, reason wrong"; the customer rates it 5', async () => {
    await signInConsole(agent, baton, 'support@baton.local');
    const customer = await newCustomer('customer b');
    const widget = (selector: string) => customer.locator(`baton-widget ${selector}`);
    await send(customer, 'I want to talk to a person please');
    const offer = agent.locator('.offer');
    await visible(offer, 'the offer in the console', 30_000);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the accepted conversation');
    await visible(widget('#status[data-kind="assigned"]'), '"An agent joined" in the widget');
    expect(await customer.getByRole('button', { name: 'End chat' }).isVisible()).toBe(false);
    const reply = agent.getByLabel('Reply to the customer');
    await reply.fill('Hi! Your card limit is in the app under Cards > Limits.');
    await reply.press('Enter');
    await visible(widget('.msg[data-author="agent"]'), "the agent's reply in the widget");

    await agent.getByRole('button', { name: 'Resolve' }).click();
    const dialog = agent.getByRole('dialog', { name: 'Label this handoff' });
    await visible(dialog, 'the label dialog after resolving');
    await visible(agent.locator('.conv-head .badge-resolved'), 'the resolved conversation');
    await dialog.getByRole('radio', { name: 'The bot could have handled it' }).check();
    await dialog.getByRole('radio', { name: 'Wrong', exact: true }).check();
    await dialog.getByRole('radio', { name: 'Wrong team', exact: true }).check();
    await dialog.getByLabel('Which team should it have gone to?').selectOption('loans');
    await dialog.getByLabel(/Note/).fill('A card-limit question: the assistant answers those.');
    await shot(agent, '64-feedback-label-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await gone(dialog, 'the label dialog');

    const card = agent.getByRole('complementary', { name: 'Context' }).locator('.card-label');
    await visible(card.getByText('The bot could have handled it'), 'the label in the side panel');
    expect(await card.textContent()).toContain('Wrong');
    expect(await card.textContent()).toContain('the assistant answers those');
    expect(await card.textContent()).toContain('should be loans');
    await shot(agent, '65-feedback-label-card');

    // The customer gets the rating card for the resolved conversation and gives 5 stars, by mouse this time.
    const stars = customer.getByRole('radiogroup', { name: 'How was this chat?' });
    await visible(stars, 'the rating card after the agent resolved');
    await widget('.star').nth(4).click();
    expect(await stars.getByRole('radio', { name: /^5 stars/ }).isChecked()).toBe(true);
    await shot(customer, '66-feedback-rating-after-agent');
    await customer.getByRole('button', { name: 'Submit' }).click();
    await visible(customer.getByRole('status').filter({ hasText: 'Thanks for your feedback' }), 'the thanks');
    await shot(customer, '67-feedback-thanks-after-agent');

    const { conversationId, token } = await savedSession(customer);
    const { csat } = await get<{ csat: Csat | null }>(`/conversations/${conversationId}/csat`, token);
    expect(csat).toMatchObject({ rating: 5, comment: null, path: 'bot_then_human' });
    const agentToken = await agent.evaluate(
      () => (JSON.parse(sessionStorage.getItem('baton-console:session') ?? '{}') as { token: string }).token,
    );
    const { label } = await get<{ label: HandoffLabel | null }>(
      `/agent/conversations/${conversationId}/label`,
      agentToken,
    );
    expect(label).toMatchObject({
      needed: false,
      reasonCorrect: false,
      teamCorrect: false,
      rightTeam: 'loans',
      note: 'A card-limit question: the assistant answers those.',
    });

    // The label stays editable in the side panel.
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByRole('radio', { name: 'Right', exact: true }).check();
    await card.getByRole('button', { name: 'Save' }).click();
    await visible(card.locator('dd', { hasText: 'Right' }), 'the edited label');
    const edited = await get<{ label: HandoffLabel | null }>(
      `/agent/conversations/${conversationId}/label`,
      agentToken,
    );
    expect(edited.label).toMatchObject({ needed: false, reasonCorrect: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
