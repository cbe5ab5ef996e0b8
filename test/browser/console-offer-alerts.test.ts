import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
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

const viewport = { width: 1366, height: 768 };

/** Records the chimes and desktop notifications the page makes, instead of playing and showing them. */
const recordSignals = () => {
  const w = window as unknown as { signals: { chimes: number; notices: string[] } };
  w.signals = { chimes: 0, notices: [] };
  class FakeNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    onclick: (() => void) | null = null;
    constructor(title: string) {
      w.signals.notices.push(title);
    }
    close() {}
  }
  Object.defineProperty(window, 'Notification', { value: FakeNotification });
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.signals.chimes += 1;
    return create.call(this);
  };
};

const signals = (page: Page) =>
  page.evaluate(() => (window as unknown as { signals: { chimes: number; notices: string[] } }).signals);

// A supervisor taking chats while watching the dashboard: the offer reaches them there, with a chime, a desktop
// notification and a count in the tab title; each signal can be switched off and stays off after a reload.
describe.skipIf(!browserTestsEnabled)('offer alerts', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;
  let supervisor: Page;

  beforeAll(async () => {
    buildWebIfStale();
    // A Monday, 10:00 in New York: the demo bank's teams are open.
    baton = await startTestBaton({}, clockFrom('2026-11-23T15:00:00Z'));
    browser = await launchChromium();
    customer = await (await browser.newContext({ viewport })).newPage();
    const context = await browser.newContext({ viewport });
    await context.addInitScript(recordSignals);
    supervisor = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('reaches a supervisor on the dashboard with sound, notification and title badge', async () => {
    await signInConsole(supervisor, baton, 'supervisor@baton.local');
    await supervisor.getByRole('button', { name: 'Take chats' }).click();
    const dialog = supervisor.getByRole('dialog', { name: 'Take chats' });
    await dialog.locator('label', { hasText: 'Customer Support' }).click();
    await dialog.getByRole('button', { name: 'Start taking chats' }).click();
    await visible(supervisor.getByRole('button', { name: 'Taking chats', pressed: true }), 'taking chats');
    await supervisor
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Dashboard' })
      .click();
    await visible(supervisor.locator('.dashboard'), 'the dashboard');
    expect(await supervisor.title()).toBe('Baton console');

    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');

    const offer = supervisor.locator('.offer-dock .offer');
    await visible(offer, 'the offer floating over the dashboard', 30_000);
    await supervisor.waitForFunction(() => document.title === '(1) Baton console');
    const got = await signals(supervisor);
    expect(got.chimes).toBeGreaterThan(0);
    expect(got.notices).toEqual([expect.stringMatching(/^New conversation for you/)]);
    await shot(supervisor, '70-dashboard-offer-dock');

    // The title badge switched off: the title goes plain at once, and stays off after a reload.
    await supervisor.locator('.alert-settings summary').click();
    await supervisor.getByLabel('Count in the tab title').uncheck();
    await supervisor.waitForFunction(() => document.title === 'Baton console');
    await supervisor.reload();
    await visible(offer, 'the offer after the reload', 30_000);
    await supervisor.locator('.alert-settings summary').click();
    expect(await supervisor.getByLabel('Count in the tab title').isChecked()).toBe(false);
    expect(await supervisor.getByLabel('Sound').isChecked()).toBe(true);
    expect(await supervisor.title()).toBe('Baton console');

    await offer.getByRole('button', { name: 'Accept' }).click();
    await visible(supervisor.locator('.conv-head .badge-assigned'), 'the accepted conversation');
  }, 150_000);
});
