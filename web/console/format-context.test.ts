import { describe, expect, it } from 'vitest';
import type { ContextView } from '../../src/protocol/context-package.ts';
import type { Message } from '../../src/protocol/conversation.ts';
import {
  latestTransferNote,
  maskedTranscript,
  offerPreview,
  oneLine,
  outcomeLine,
  toolResultRows,
  triedResult,
} from './format-context.ts';

const message = (seq: number, over: Partial<Message>): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  authorKind: 'system',
  authorId: null,
  text: '',
  clientMessageId: null,
  internal: false,
  metadata: {},
  createdAt: '2026-11-23T15:00:00Z',
  ...over,
});

const context = {
  summary: {
    topic: { intent: 'mortgage_refinance', label: 'Mortgage refinance', description: null },
    customerWants: 'Wants help with mortgage refinance:\n "I want to refinance".',
    entities: [],
    botTried: [],
    outcome: '',
  },
  nextStep: { text: 'Prepare a personal quote.', rule: 'topic' },
} as unknown as ContextView;

describe('offerPreview', () => {
  it('reads topic, one-line summary and next step from the package, and the last transfer note', () => {
    const messages = [
      message(1, { text: 'Transfer from Ann: first', internal: true, metadata: { event: 'transfer_note' } }),
      message(2, {
        text: 'Transfer from Bo: card looks stolen',
        internal: true,
        metadata: { event: 'transfer_note' },
      }),
      message(3, { text: 'You are being transferred', metadata: { event: 'transferred' } }),
    ];
    expect(offerPreview(context, messages)).toEqual({
      topic: 'Mortgage refinance',
      summary: 'Wants help with mortgage refinance: "I want to refinance".',
      nextStep: 'Prepare a personal quote.',
      transferNote: 'Transfer from Bo: card looks stolen',
    });
  });

  it('is empty without a package or messages', () => {
    expect(offerPreview(null)).toEqual({ topic: null, summary: null, nextStep: null, transferNote: null });
    expect(
      latestTransferNote([message(1, { authorKind: 'agent', metadata: { event: 'transfer_note' } })]),
    ).toBe(null);
  });
});

describe('toolResultRows', () => {
  const base = { turn: 1, tool: 'order_status', key: 'A1', ok: true };
  it('lists the fields of an object result', () => {
    expect(toolResultRows({ ...base, result: { status: 'shipped', eta_days: 2, items: ['a'] } })).toEqual([
      ['status', 'shipped'],
      ['eta days', '2'],
      ['items', '["a"]'],
    ]);
  });
  it('shows one value, nothing found, or the error', () => {
    expect(toolResultRows({ ...base, result: 42 })).toEqual([['Result', '42']]);
    expect(toolResultRows({ ...base, result: null })).toEqual([['Result', 'nothing found']]);
    expect(toolResultRows({ ...base, ok: false, error: 'timeout' })).toEqual([['Error', 'timeout']]);
  });
});

describe('triedResult', () => {
  it('labels results with a tone', () => {
    expect(triedResult('not_found')).toEqual({ label: 'Not found', tone: 'bad' });
    expect(triedResult('answered')).toEqual({ label: 'Answered', tone: 'good' });
  });
});

describe('oneLine', () => {
  it('flattens whitespace and cuts long text on a word', () => {
    expect(oneLine('a\n  b')).toBe('a b');
    expect(oneLine('one two three four five six', 16)).toBe('one two three…');
  });
});

describe('outcomeLine', () => {
  it('drops an outcome that only repeats the decision headline', () => {
    const headline = 'Hand off to loans (normal): Lending question for a loan officer.';
    expect(outcomeLine(`Rule lending handed off to Lending: ${headline}`, headline)).toBeNull();
    expect(outcomeLine('The flow gave up after 3 tries.', headline)).toBe('The flow gave up after 3 tries.');
    expect(outcomeLine('  ', null)).toBeNull();
  });
});

describe('maskedTranscript', () => {
  it('maps the seq of each message the package masked to its masked text and path', () => {
    const ctx = {
      transcript: [
        { seq: 1, authorKind: 'customer', text: 'My card [card ****1111] was stolen', at: '' },
        { seq: 2, authorKind: 'bot', text: 'Sorry to hear that', at: '' },
      ],
      redactions: [{ token: 'card-1', type: 'card', path: 'transcript[0].text', mask: '[card ****1111]' }],
    } as unknown as ContextView;
    expect([...maskedTranscript(ctx)]).toEqual([
      [1, { text: 'My card [card ****1111] was stolen', path: 'transcript[0].text' }],
    ]);
    expect(maskedTranscript(null).size).toBe(0);
  });
});
