import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../../src/server/start-baton.ts';
import {
  browserTestsEnabled,
  buildWebIfStale,
  gone,
  launchChromium,
  shot,
  startTestBaton,
  visible,
} from './browser-kit.ts';

type Frame = { type: string; [key: string]: unknown };
const maxMessageChars = 200;

// The widget off the happy path: a connection that drops before the ack, a refused message, nobody to take over.
describe.skipIf(!browserTestsEnabled)('the widget off the happy path', () => {
  let baton: RunningBaton;
  let browser: Browser;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({ maxMessageChars });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  async function openWidget(page: Page): Promise<void> {
    await page.goto(`${baton.url}/?pack=bank`);
    await page.getByRole('button', { name: /Open support chat/ }).click();
    await visible(page.getByLabel('Your message'), 'the message box');
  }

  it('resends an unacknowledged message after the connection drops, and shows it once', async () => {
    const page = await browser.newPage();
    const sent: Frame[] = [];
    const delivered: number[] = [];
    let dropped = false;
    let deliveredBeforeDrop = 0;
    // Pass frames through, but once the first message is sent, lose everything the server answers and the connection.
    await page.routeWebSocket(/\/api\/v1\/ws$/, (ws) => {
      const server = ws.connectToServer();
      let losing = false;
      ws.onMessage((data) => {
        const frame = JSON.parse(String(data)) as Frame;
        sent.push(frame);
        server.send(data);
        if (frame.type === 'send' && !dropped) {
          dropped = true;
          losing = true;
          deliveredBeforeDrop = Math.max(0, ...delivered);
          // Long enough for the server to store it; the ack and the echo never arrive.
          setTimeout(() => {
            void ws.close({ code: 4000, reason: 'network lost' });
            void server.close();
          }, 400);
        }
      });
      server.onMessage((data) => {
        if (losing) return;
        const frame = JSON.parse(String(data)) as Frame;
        if (frame.type === 'message') delivered.push((frame.message as { seq: number }).seq);
        ws.send(data);
      });
    });

    await openWidget(page);
    const input = page.getByLabel('Your message');
    await input.fill('Can I open a savings account online?');
    await input.press('Enter');

    const mine = page.locator('baton-widget .msg[data-author="customer"]', { hasText: 'savings account' });
    await visible(
      mine.and(page.locator('[data-state="sent"]')),
      'the message acknowledged after reconnecting',
      20_000,
    );
    await visible(page.locator('baton-widget .msg[data-author="bot"]'), 'the bot answer', 30_000);
    expect(dropped).toBe(true);
    expect(await mine.count()).toBe(1);

    const sends = sent.filter((f) => f.type === 'send');
    expect(sends.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sends.map((f) => f.clientMessageId)).size).toBe(1);
    const subscribes = sent.filter((f) => f.type === 'subscribe');
    expect(subscribes.length).toBeGreaterThanOrEqual(2);
    expect(subscribes[1]!.afterSeq).toBe(deliveredBeforeDrop);

    const conversationId = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('baton-widget:'))!;
      return JSON.parse(localStorage.getItem(key)!) as { conversationId: string; token: string };
    });
    const res = await fetch(`${baton.url}/api/v1/conversations/${conversationId.conversationId}/messages`, {
      headers: { authorization: `Bearer ${conversationId.token}` },
    });
    const { messages } = (await res.json()) as { messages: { text: string; authorKind: string }[] };
    const stored = messages.filter((m) => m.authorKind === 'customer' && m.text.includes('savings account'));
    expect(stored).toHaveLength(1);
    await shot(page, '20-widget-after-reconnect');
    await page.close();
  }, 180_000);

  it("shows the server's reason when a message is refused, and lets the customer edit it", async () => {
    const page = await browser.newPage();
    await openWidget(page);
    const input = page.getByLabel('Your message');
    await input.fill('x'.repeat(maxMessageChars + 50));
    await input.press('Enter');
    const failed = page.locator('baton-widget .msg[data-state="failed"]');
    await visible(failed, 'the refused message', 20_000);
    expect(await failed.locator('.foot').textContent()).toMatch(/Not sent: .*\S/);
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await shot(page, '21-widget-message-too-long');

    await failed.getByRole('button', { name: 'Edit' }).click();
    expect(await failed.count()).toBe(0);
    expect(await input.inputValue()).toHaveLength(maxMessageChars + 50);
    await input.fill('A shorter question about my card.');
    await input.press('Enter');
    await visible(
      page.locator('baton-widget .msg[data-author="customer"][data-state="sent"]', {
        hasText: 'shorter question',
      }),
      'the corrected message, acknowledged',
    );
    await page.close();
  }, 180_000);

  it('while nobody is available, the customer can leave a message and stop waiting', async () => {
    const page = await browser.newPage();
    await openWidget(page);
    const input = page.getByLabel('Your message');
    await input.fill('I want to talk to a person please');
    await input.press('Enter');

    const status = page.locator('baton-widget #status[data-kind="queued"]');
    await visible(status, 'the queued status', 30_000);
    expect(await status.textContent()).toContain('Waiting for an agent');
    // No console user is connected to this server, so nobody can take the conversation.
    await page.getByRole('button', { name: 'Leave a message' }).click();
    await page.getByLabel('Your email').fill('dana@example.com');
    await page.getByLabel('Anything we should know? (optional)').fill('Please email me about my card.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(page.getByText('Thanks! We will write to dana@example.com.'), 'the ticket confirmation');
    await shot(page, '22-widget-ticket-left');

    await page.getByRole('button', { name: 'Stop waiting' }).click();
    await gone(status, 'the queued status');
    expect(await page.locator('baton-widget #queue').isHidden()).toBe(true);
    await page.close();
  }, 180_000);
});
