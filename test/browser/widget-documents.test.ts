import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  launchChromium,
  shot,
  startTestBaton,
  visible,
} from './browser-kit.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// The bot asks for documents; the customer sends them with the widget's paperclip; a disguised file is refused.
describe.skipIf(!browserTestsEnabled)('documents in the widget', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let customer: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({ packsDir: join(import.meta.dirname, '../fixtures/packs') });
    browser = await launchChromium();
    customer = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  it('sends a file for the step that asks for it and shows what is still missing', async () => {
    await customer.goto(`${baton.url}/?pack=mortgage`);
    await customer.getByRole('button', { name: /Open support chat/ }).click();
    const input = customer.getByLabel('Your message');
    await input.fill('I want to apply for a mortgage');
    await input.press('Enter');
    await visible(
      customer.locator('baton-widget .msg[data-author="bot"]', { hasText: 'two payslips' }),
      'the request for documents',
      30_000,
    );

    await expect(customer.getByRole('button', { name: 'Send a document' }).isVisible()).resolves.toBe(true);
    await customer
      .locator('baton-widget #file')
      .setInputFiles({ name: 'payslip-oct.pdf', mimeType: 'application/pdf', buffer: pdf });
    await visible(
      customer.locator('baton-widget .msg[data-author="customer"]', { hasText: 'payslip-oct.pdf' }),
      'the sent document in the log',
      30_000,
    );
    await visible(
      customer.locator('baton-widget .msg[data-author="bot"]', {
        hasText: 'I still need: payslip, photo ID',
      }),
      'what is still missing',
      30_000,
    );

    await customer.locator('baton-widget #file').setInputFiles({
      name: 'passport.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]),
    });
    const alert = customer.locator('baton-widget #alert');
    await visible(alert, 'the refusal', 30_000);
    expect(await alert.textContent()).toMatch(/only take PDFs, photos/);
    await shot(customer, '90-widget-documents');
  }, 120_000);
});
