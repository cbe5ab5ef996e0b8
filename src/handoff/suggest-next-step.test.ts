import { describe, expect, it } from 'vitest';
import type { BotTurn } from '../protocol/bot-turn.ts';
import { collectFacts, type HandoffDecision } from './collect-facts.ts';
import { bankPack, botTurn, decision } from './handoff-fixtures.ts';
import { shortDate, suggestNextStep } from './suggest-next-step.ts';

const turn = (fields: Partial<BotTurn>) => botTurn({ turn: 1, text: 'x', ...fields });

const cases: {
  name: string;
  turns: BotTurn[];
  decision?: Partial<HandoffDecision>;
  rule: string;
  text: string;
}[] = [
  {
    name: 'delayed order',
    turns: [
      turn({
        intent: 'order_status',
        topic: 'order_status',
        entities: [{ type: 'order_id', value: 'A1234', text: 'A1234' }],
        tools: [
          { tool: 'orders', key: 'A1234', ok: true, result: { status: 'delayed', eta: '2026-12-03' }, ms: 1 },
        ],
      }),
    ],
    rule: 'order_problem',
    text: 'Order A1234 is delayed to Dec 3: offer expedited reshipment or refund.',
  },
  {
    name: 'lost parcel',
    turns: [turn({ tools: [{ tool: 'shipments', key: 'Z99', ok: true, result: { state: 'Lost' }, ms: 1 }] })],
    rule: 'order_problem',
    text: 'Order Z99 is lost: offer a replacement or refund.',
  },
  {
    name: 'claim over the limit named in the decision',
    turns: [
      turn({
        intent: 'file_claim',
        topic: 'file_claim',
        entities: [
          { type: 'claim_id', value: 'CL-55012', text: 'CL-55012' },
          { type: 'money', value: '18000', text: '$18,000' },
        ],
      }),
    ],
    decision: { rule: 'claim_over_limit', reasons: ['Claims over the 5,000 limit need an adjuster.'] },
    rule: 'amount_over_limit',
    text: 'Claim amount $18,000 is over the 5,000 limit: assign an adjuster and confirm the loss date.',
  },
  {
    name: 'amount over a limit from a tool record',
    turns: [
      turn({
        tools: [{ tool: 'refunds', key: null, ok: true, result: { amount: 900, max_refund: 500 }, ms: 1 }],
      }),
    ],
    rule: 'amount_over_limit',
    text: 'The amount 900 is over the 500 limit: review it and approve or decline it manually.',
  },
  {
    name: 'amount under the limit falls through to the topic',
    turns: [
      turn({
        intent: 'file_claim',
        topic: 'file_claim',
        entities: [{ type: 'money', value: '300', text: '$300' }],
      }),
    ],
    decision: { reasons: ['Claims over the 5,000 limit need an adjuster.'] },
    rule: 'topic',
    text: 'File claim (amount $300): confirm the details above and resolve it; the customer has already explained the request.',
  },
  {
    name: 'fraud with a card',
    turns: [
      turn({
        intent: 'report_fraud',
        topic: 'report_fraud',
        entities: [{ type: 'card_number', value: '****4821', text: '4111 1111 1111 4821' }],
      }),
    ],
    decision: { team: 'fraud' },
    rule: 'possible_fraud',
    text: "Possible fraud: verify the customer's identity, block card ****4821 and review the transactions they do not recognise.",
  },
  {
    name: 'emergency wins over everything',
    turns: [turn({ intent: 'report_fraud', topic: 'report_fraud' })],
    decision: { emergency: true, team: 'fraud' },
    rule: 'emergency',
    text: 'Emergency: make sure the customer is safe and has the emergency instructions the bot gave, then act at once.',
  },
  {
    name: 'failed lookup',
    turns: [turn({ tools: [{ tool: 'policies', key: 'P-77', ok: false, error: 'HTTP 502', ms: 1 }] })],
    rule: 'failed_lookup',
    text: 'The policies lookup failed (HTTP 502): check P-77 in the back-office system directly.',
  },
  {
    name: 'record not found',
    turns: [turn({ tools: [{ tool: 'policies', key: 'P-78', ok: false, error: 'not found', ms: 1 }] })],
    rule: 'failed_lookup',
    text: 'No policies record was found for P-78: confirm the number with the customer.',
  },
  {
    name: 'nothing understood',
    turns: [turn({ replyKind: 'fallback' })],
    rule: 'unknown_request',
    text: 'The bot could not tell what the customer needs: read the transcript, then ask one open question.',
  },
  {
    name: 'upset customer gets a lead-in',
    turns: [turn({ replyKind: 'fallback', sentiment: { score: -0.7, cues: ['useless'] } })],
    rule: 'unknown_request',
    text: 'The customer is upset: acknowledge it first. The bot could not tell',
  },
];

describe('suggestNextStep', () => {
  it.each(cases)('$name', (c) => {
    const facts = collectFacts(
      bankPack,
      decision({ rule: 'r', team: 'support', ...c.decision }),
      c.turns.map((t) => ({ turn: t.turn, botTurn: t })),
    );
    const step = suggestNextStep(facts);
    expect(step.rule).toBe(c.rule);
    expect(step.text.startsWith(c.text)).toBe(true);
  });

  it.each([
    ['2026-12-03', 'Dec 3'],
    ['2026-01-15T10:00:00Z', 'Jan 15'],
    ['next week', 'next week'],
  ])('shortDate(%s) = %s', (input, output) => {
    expect(shortDate(input)).toBe(output);
  });
});
