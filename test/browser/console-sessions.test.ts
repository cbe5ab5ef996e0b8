import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import { callApi, loginToken } from '../support/http.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  launchChromium,
  shot,
  signInConsole,
  startTestBaton,
  visible,
} from './browser-kit.ts';

const viewport = { width: 1280, height: 820 };

/** The token the console keeps for this tab. */
const tabToken = (page: Page) =>
  page.evaluate(
    () =>
      (JSON.parse(sessionStorage.getItem('baton-console:session') ?? '{}') as { token?: string }).token ?? '',
  );

// Logging out in the console revokes the token on the server; a demotion elsewhere sends the open console back to
// the login page.
describe.skipIf(!browserTestsEnabled)('console sessions', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton();
    browser = await launchChromium();
    first = await (await browser.newContext({ viewport })).newPage();
    second = await (await browser.newContext({ viewport })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('Log out revokes the token, not only the tab', async () => {
    await signInConsole(first, baton, 'supervisor@baton.local');
    const token = await tabToken(first);
    expect((await callApi(baton.url, 'GET', '/api/v1/me', undefined, token)).status).toBe(200);
    await first.getByRole('button', { name: 'Log out' }).click();
    await visible(first.getByRole('button', { name: 'Sign in' }), 'the login page');
    const stale = await callApi(baton.url, 'GET', '/api/v1/me', undefined, token);
    expect([stale.status, stale.body.code]).toEqual([401, 'INVALID_TOKEN']);
  }, 180_000);

  it('a demoted supervisor is sent back to the login page at once', async () => {
    await signInConsole(second, baton, 'supervisor@baton.local');
    const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
    const adminToken = await loginToken(baton.url, admin.email, admin.password);
    const agents = (await callApi(baton.url, 'GET', '/api/v1/admin/agents', undefined, adminToken)).body
      .agents;
    const supervisor = agents.find((a: { email: string }) => a.email === 'supervisor@baton.local');
    await callApi(baton.url, 'PATCH', `/api/v1/admin/agents/${supervisor.id}`, { role: 'agent' }, adminToken);
    await visible(second.getByRole('status').filter({ hasText: 'sign in again' }), 'the signed-out notice');
    await shot(second, 'console-session-ended');
  }, 180_000);
});
