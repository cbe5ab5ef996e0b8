import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import { callApi, loginToken } from '../support/http.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  launchChromium,
  startTestBaton,
  visible,
  watchErrors,
} from './browser-kit.ts';

const secret = 'widget-identity-browser-test-secret-32';

// The host page signs who its customer is; the widget passes it on, and Baton links the chat to that customer.
describe.skipIf(!browserTestsEnabled)('the widget with a host-signed identity', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let supervisorToken: string;
  const pageErrors: string[] = [];

  const hostPage = async (attributes: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    watchErrors(page, pageErrors, 'host');
    await page.goto(`${baton.url}/healthz`);
    await page.setContent(
      `<!doctype html><html><body><h1>Bank</h1><script src="${baton.url}/widget.js" data-pack="bank" ${attributes}></script></body></html>`,
    );
    await page.getByRole('button', { name: /Open support chat/ }).click();
    return page;
  };
  const savedConversation = (page: Page, subject: string) =>
    page.evaluate((s) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('baton-widget:') && k.endsWith(`:${s}`));
      return key ? (JSON.parse(localStorage.getItem(key)!).conversationId as string) : '';
    }, subject);

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({
      apiKeys: ['crm-key'],
      identity: {
        secret,
        publicKey: undefined,
        jwksUrl: undefined,
        issuer: undefined,
        audience: undefined,
        required: false,
      },
    });
    browser = await launchChromium();
    const supervisor = baton.demoLogins.find((l) => l.role === 'supervisor')!;
    supervisorToken = await loginToken(baton.url, supervisor.email, supervisor.password);
    await fetch(`${baton.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'crm-key' },
      body: JSON.stringify({ customer: { externalId: 'crm-80', name: 'Dana Reyes', tier: 'vip' } }),
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('links the chat to the signed-in customer', async () => {
    const token = await new SignJWT({ name: 'Dana Reyes' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('crm-80')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    const page = await hostPage(`data-identity-token="${token}"`);
    await visible(page.getByLabel('Your message'), 'the message box');
    // The saved conversation is kept under the signed-in customer's own key.
    await page.waitForFunction(
      () => Object.keys(localStorage).some((k) => k.startsWith('baton-widget:') && k.endsWith(':crm-80')),
      undefined,
      { timeout: 15_000 },
    );
    const id = await savedConversation(page, 'crm-80');
    expect(id).toMatch(/\S/);
    const detail = await callApi(
      baton.url,
      'GET',
      `/api/v1/agent/conversations/${id}`,
      undefined,
      supervisorToken,
    );
    expect(detail.body.customer).toMatchObject({ externalId: 'crm-80', name: 'Dana Reyes', tier: 'vip' });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('tells the visitor to sign in again when the token does not verify', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('crm-80')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-guessed-secret-of-thirty-two-chars'));
    const page = await hostPage(`data-identity-token="${forged}"`);
    await visible(page.locator('baton-widget').getByText(/Your sign-in has expired/), 'the refusal');
  }, 60_000);
});
