import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import { callApi } from '../support/http.ts';
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

// The label dialog after Resolve blocks nothing: an offer that arrives while it is open is accepted.
describe.skipIf(!browserTestsEnabled)('the label dialog and an incoming offer', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let agent: Page;

  beforeAll(async () => {
    buildWebIfStale();
    // A Monday, 10:00 in New York: the demo bank's teams are open.
    baton = await startTestBaton({}, clockFrom('2026-11-23T15:00:00Z'));
    browser = await launchChromium();
    agent = await (await browser.newContext({ viewport: { width: 1280, height: 820 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  /** A customer on the API who asks for a person (the bank's support team gets it). */
  const askForPerson = async (text: string) => {
    const created = (await callApi(baton.url, 'POST', '/api/v1/conversations', { pack: 'bank' })).body;
    await callApi(
      baton.url,
      'POST',
      `/api/v1/conversations/${created.conversation.id}/messages`,
      { text, clientMessageId: 'c1' },
      created.customerToken,
    );
    return created.conversation.id as string;
  };

  it('accepts an offer while the label dialog is open', async () => {
    const login = baton.demoLogins.find((l) => l.email.startsWith('support@'))!;
    await signInConsole(agent, baton, login.email);

    await askForPerson('I want to talk to a person please');
    await visible(agent.locator('.offer'), 'the first offer', 30_000);
    await agent.locator('.offer').getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the first conversation, assigned');
    await agent.getByRole('button', { name: 'Resolve', exact: true }).click();
    const panel = agent.getByRole('dialog', { name: 'Label this handoff' });
    await visible(panel, 'the label dialog');

    const second = await askForPerson('can I speak to a human agent');
    const offer = agent.locator('.offer');
    await visible(offer, 'the second offer, with the label dialog open', 30_000);
    expect(await panel.isVisible()).toBe(true);
    await shot(agent, '60-offer-beside-label-dialog');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(agent.locator('.conv-head .badge-assigned'), 'the second conversation, assigned');
    const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
    const token = (
      await callApi(baton.url, 'POST', '/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      })
    ).body.token;
    const taken = await callApi(baton.url, 'GET', `/api/v1/agent/conversations/${second}`, undefined, token);
    expect(taken.body.conversation).toMatchObject({ state: 'assigned' });
  }, 180_000);
});
