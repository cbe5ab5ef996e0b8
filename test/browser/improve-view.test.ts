import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestionId } from '../../src/learning/suggestion-id.ts';
import type { PackChange, Suggestion, SuggestionKind } from '../../src/protocol/learning.ts';
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

// The learning loop's "done when": a supervisor approves an intent example, a knowledge-base draft and a policy
// change in the Improve view; the customer side behaves differently right after; a rollback restores it.

const suggestion = (kind: SuggestionKind, title: string, change: PackChange[]): Suggestion => ({
  id: suggestionId(kind, change),
  kind,
  title,
  evidence: {
    conversations: ['c1', 'c2', 'c3'],
    terms: [],
    counts: { conversations: 3 },
    quotes: ['an agent answered this three times this week'],
  },
  change,
  effect: {
    method: 'not_measured',
    folds: 0,
    conversations: 0,
    before: null,
    after: null,
    handoffsGained: 0,
    handoffsLost: 0,
    note: 'seeded for the test',
  },
});

const examples = suggestion('intent_example', 'Examples for routing_number', [
  {
    op: 'add_intent_examples',
    intent: 'routing_number',
    examples: ['payroll lady needs the nine digit thing', 'HR wants the nine digit bank thing'],
  },
]);
const article = suggestion('kb_article', 'Article: safe deposit boxes', [
  {
    op: 'add_article',
    article: {
      id: 'safe_deposit_boxes',
      title: 'Safe deposit boxes',
      body: 'Safe deposit boxes are available at the downtown branch from $60 a year; ask at the front desk.',
      tags: [],
    },
  },
]);
const policy = suggestion('policy_cue', 'Safe deposit box access goes to a person', [
  {
    op: 'put_risk',
    risk: {
      id: 'vault',
      label: 'Safe deposit box access',
      cues: [{ any: ['get into my safe deposit'], weight: 1 }],
    },
  },
  {
    op: 'put_rule',
    rule: {
      id: 'vault',
      label: 'Safe deposit box access',
      when: { signal: 'risk:vault', min: 0.5 },
      impact: 1,
      team: 'support',
      priority: 'normal',
    },
  },
]);

describe.skipIf(!browserTestsEnabled)('the Improve view', () => {
  let baton: RunningBaton;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWebIfStale();
    baton = await startTestBaton({}, clockFrom('2026-11-23T15:00:00Z'));
    await baton.services.improve!.suggestionStore.saveRun('bank', [examples, article, policy], new Date());
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
  });

  /** A customer's one message to the bank bot: the bot's last reply and where the conversation stands. */
  const ask = async (text: string) => {
    const created = (await callApi(baton.url, 'POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const id = created.conversation.id as string;
    await callApi(
      baton.url,
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text, clientMessageId: 'c1' },
      created.customerToken,
    );
    await baton.services.conversations.settle();
    const messages = (
      await callApi(
        baton.url,
        'GET',
        `/api/v1/conversations/${id}/messages`,
        undefined,
        created.customerToken,
      )
    ).body.messages as { authorKind: string; text: string }[];
    const conversation = (
      await callApi(baton.url, 'GET', `/api/v1/conversations/${id}`, undefined, created.customerToken)
    ).body.conversation;
    return {
      reply: messages.filter((m) => m.authorKind === 'bot').at(-1)?.text ?? '',
      state: conversation.state as string,
    };
  };
  const payroll = 'my payroll lady needs the nine digit thing';
  const boxes = 'can I rent a safe deposit box?';
  const vault = 'I need to get into my safe deposit box today';

  const behaviour = async () => {
    const [a, b, c] = [await ask(payroll), await ask(boxes), await ask(vault)];
    return {
      routingNumber: /routing number is 021000555/.test(a.reply),
      article: /\$60 a year/.test(b.reply),
      handedOff: c.state !== 'bot',
    };
  };

  it('approves three suggestions, the customer side changes at once, and a rollback restores it', async () => {
    expect(await behaviour()).toEqual({ routingNumber: false, article: false, handedOff: false });

    const login = baton.demoLogins.find((l) => l.role === 'supervisor')!;
    await signInConsole(page, baton, login.email);
    await page.getByRole('button', { name: 'Improve', exact: true }).click();
    await visible(
      page.getByRole('heading', { name: 'Suggestions (3 waiting)' }),
      'three suggestions waiting',
    );
    await shot(page, '70-improve-queue');

    for (const [title, version] of [
      ['Examples for routing_number', 2],
      ['Article: safe deposit boxes', 3],
      ['Safe deposit box access goes to a person', 4],
    ] as const) {
      await page
        .getByRole('article', { name: title })
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      await visible(page.getByText(`Approved: version ${version} is live.`), `version ${version} live`);
    }
    await visible(page.getByRole('heading', { name: 'Suggestions (0 waiting)' }), 'the queue emptied');
    expect(await behaviour()).toEqual({ routingNumber: true, article: true, handedOff: true });
    await shot(page, '71-improve-approved');

    const v1 = page.getByRole('listitem', { name: 'Version 1' });
    await v1.getByRole('button', { name: 'Roll back to this' }).click();
    await visible(page.getByText('Version 1 is live again.'), 'the rollback');
    expect(await behaviour()).toEqual({ routingNumber: false, article: false, handedOff: false });
    await shot(page, '72-improve-rolled-back');
  }, 180_000);
});
