import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  launchChromium,
  signInConsole,
  startTestBaton,
  visible,
  watchErrors,
} from './browser-kit.ts';

/** Records every CSP violation the page reports, as events and as console messages. */
async function watchViolations(page: Page, into: string[]): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/content security policy|CSP violation/i.test(message.text())) into.push(message.text());
  });
}

// The pages' Content-Security-Policy must not break them: the demo page with the widget chatting live, and the
// console signed in with its live connection.
describe.skipIf(!browserTestsEnabled)('the pages under their security headers', () => {
  let baton: RunningBaton;
  let browser: Browser;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('the demo page and its widget work with no CSP violation', async () => {
    const page = await browser.newPage();
    await watchViolations(page, violations);
    watchErrors(page, pageErrors, 'demo');
    const res = await page.goto(`${baton.url}/?pack=bank`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('button', { name: /Open support chat/ }).click();
    const input = page.getByLabel('Your message');
    await visible(input, 'the message box');
    await input.fill('What are your opening hours?');
    await input.press('Enter');
    await visible(
      page.locator('baton-widget .msg[data-author="bot"]'),
      'the bot answer over the WebSocket',
      30_000,
    );
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('the console signs in and goes live with no CSP violation', async () => {
    const page = await browser.newPage();
    await watchViolations(page, violations);
    watchErrors(page, pageErrors, 'console');
    const res = await page.goto(`${baton.url}/console/`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await signInConsole(page, baton, 'supervisor@baton.local');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 180_000);

  it('another origin cannot frame the console', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) blocked.push(message.text());
    });
    // A page on another origin (localhost vs 127.0.0.1) that frames the console.
    const other = baton.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${other}/healthz`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${baton.url}/console/`);
    await expect.poll(() => blocked.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.close();
  }, 180_000);
});
