import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/protocol/conversation.ts';
import { backoffDelay } from './backoff.ts';
import { lastSeq, latestDecision, mergeMessages, type PendingMessage, settlePending } from './message-log.ts';

const msg = (seq: number, patch: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  authorKind: 'customer',
  authorId: null,
  text: `text ${seq}`,
  clientMessageId: null,
  internal: false,
  metadata: {},
  createdAt: '2026-01-01T00:00:00Z',
  ...patch,
});
const pending = (clientMessageId: string, seq: number | null = null): PendingMessage => ({
  clientMessageId,
  text: 'hi',
  internal: false,
  status: 'sending',
  error: null,
  seq,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('mergeMessages', () => {
  it('orders by seq and never doubles a replayed message', () => {
    const log = mergeMessages([msg(1), msg(3)], [msg(2), msg(3), msg(1)]);
    expect(log.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('replaces an entry with the server copy of the same seq', () => {
    const log = mergeMessages([msg(1, { text: 'local' })], [msg(1, { text: 'server' })]);
    expect(log).toHaveLength(1);
    expect(log[0]!.text).toBe('server');
  });

  it('returns the same log when nothing comes in', () => {
    const log = [msg(1)];
    expect(mergeMessages(log, [])).toBe(log);
  });
});

describe('settlePending', () => {
  it('drops what the log holds, by clientMessageId or by acknowledged seq', () => {
    const log = [msg(1, { clientMessageId: 'a' }), msg(2)];
    const left = settlePending([pending('a'), pending('b', 2), pending('c', 5), pending('d')], log);
    expect(left.map((p) => p.clientMessageId)).toEqual(['c', 'd']);
  });
});

describe('lastSeq and latestDecision', () => {
  it('reads the cursor and the latest system decision', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([msg(1), msg(7)])).toBe(7);
    const log = [
      msg(1, { authorKind: 'system', metadata: { decision: { kind: 'handoff', reasons: ['old'] } } }),
      msg(2, { authorKind: 'system', metadata: { decision: { kind: 'handoff', reasons: ['new'] } } }),
      msg(3, { authorKind: 'bot', metadata: { decision: { kind: 'ignored' } } }),
    ];
    expect(latestDecision(log)).toEqual({ kind: 'handoff', reasons: ['new'] });
    expect(latestDecision([msg(1)])).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('grows, caps and jitters', () => {
    expect(backoffDelay(0, 1)).toBe(500);
    expect(backoffDelay(3, 1)).toBe(4000);
    expect(backoffDelay(20, 1)).toBe(15_000);
    expect(backoffDelay(20, 0)).toBe(10_500);
  });
});
