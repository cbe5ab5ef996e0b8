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
import { seriousViolations } from './serious-violations.ts';

const viewport = { width: 1366, height: 900 };

// Sunday 22 November 2026, 15:00 UTC: the bank's Customer Support (New York hours) is closed until Monday
// 08:00 New York, 13:00 for a customer in London. The admin, in Los Angeles, moves the team to Tokyo hours,
// Monday 10:00-18:00: the London customer is now told Monday 1:00, their own time, and the log says who did it.
describe.skipIf(!browserTestsEnabled)('settings: an admin changes a team’s hours', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let admin: Page;
  let customer: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({}, clockFrom('2026-11-22T15:00:00Z'));
    browser = await launchChromium();
    admin = await (
      await browser.newContext({
        viewport,
        locale: 'en-US',
        timezoneId: 'America/Los_Angeles',
        bypassCSP: true,
      })
    ).newPage();
    customer = await (
      await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' })
    ).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('saves valid hours only, and the customer sees the new opening in their own time', async () => {
    await signInConsole(admin, baton, 'admin@baton.local');
    await admin.getByRole('button', { name: 'Settings' }).click();
    await visible(admin.getByRole('heading', { name: 'Settings' }), 'the settings area');
    await admin.getByRole('button', { name: /Customer Support/ }).click();
    const form = admin.getByRole('form', { name: 'Team Customer Support' });
    await visible(form, 'the Customer Support form');
    expect(await form.getByLabel('Time zone').inputValue()).toBe('America/New_York');

    // A mistake first: the form explains it in words and saves nothing.
    await form.getByLabel('Time zone').fill('Asia/Tokio');
    await form.getByLabel('Tuesday').fill('18:00-09:00');
    await form.getByRole('button', { name: 'Save team' }).click();
    await visible(form.getByText('“Asia/Tokio” is not a time zone'), 'the time zone message');
    await visible(form.getByText('Tuesday: 18:00-09:00 closes before it opens'), 'the range message');
    expect(await form.getByLabel('Tuesday').getAttribute('aria-invalid')).toBe('true');
    await shot(admin, '80-settings-hours-invalid');

    await form.getByLabel('Time zone').fill('Asia/Tokyo');
    await form.getByLabel('Monday').fill('10:00-18:00');
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
      await form.getByLabel(day).fill('');
    await form.getByRole('button', { name: 'Save team' }).click();
    await visible(
      form.getByRole('status').filter({ hasText: 'Saved Customer Support.' }),
      'the saved status',
    );
    await shot(admin, '81-settings-hours-saved');

    await customer.goto(`${baton.url}/?pack=bank`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');
    const note = customer.locator('baton-widget .msg[data-author="system"]', {
      hasText: 'offline right now',
    });
    await visible(note, 'the closed-team note in the widget', 30_000);
    const text = (await note.textContent()) ?? '';
    expect(text).toContain("when they're back tomorrow at 1:00.");
    expect(text).not.toMatch(/UTC|GMT|Tokyo|\d{4}-\d\d-\d\d/);
    await shot(customer, '82-widget-after-settings-change');
  }, 180_000);

  it('shows the change in the audit log, and the settings screens have no serious axe violations', async () => {
    expect(await seriousViolations(admin), 'teams section').toEqual([]);
    await admin.getByRole('link', { name: 'Audit log' }).click();
    const row = admin.getByRole('row').filter({ hasText: 'update teams support' });
    await visible(row, 'the audit entry of the hours change');
    const rowText = (await row.first().textContent()) ?? '';
    expect(rowText).toContain('Avery Admin');
    expect(rowText).toContain('America/New_York: Mon 08:00-20:00');
    expect(rowText).toContain('Asia/Tokyo: Mon 10:00-18:00');
    expect(await seriousViolations(admin), 'audit log').toEqual([]);
    await shot(admin, '83-settings-audit-log');

    for (const section of ['Accounts', 'Canned replies', 'Webhooks', 'Packs']) {
      await admin.getByRole('link', { name: section, exact: true }).click();
      await visible(admin.getByRole('heading', { name: section, exact: true }), `the ${section} section`);
      expect(await seriousViolations(admin), section).toEqual([]);
    }
    // Pack versions are not repeated here: the link opens the Improve view on that pack (not the default bank).
    await admin.getByRole('link', { name: 'Versions of Maple Family Clinic in Improve' }).click();
    await visible(admin.getByRole('main', { name: 'Improve' }), 'the Improve view');
    await admin.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('.improve-head select')?.value === 'clinic',
    );
    expect(admin.url()).toMatch(/#\/improve\/clinic$/);
  }, 180_000);
});
