import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/protocol/conversation.ts';
import { describeHeader, describeStatus, formatWait } from './describe-status.ts';

const base: Conversation = {
  id: 'c1',
  customerId: 'u1',
  pack: 'bank',
  channel: 'widget',
  caseId: 'c1',
  state: 'bot',
  priority: 'normal',
  team: null,
  assigneeId: null,
  lastSeq: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  queuedAt: null,
  assignedAt: null,
  resolvedAt: null,
  closedAt: null,
  queuePosition: null,
};
const view = (patch: Partial<Conversation>, connection: 'ready' | 'offline' = 'ready') => ({
  phase: 'active' as const,
  connection,
  conversation: { ...base, ...patch },
});

describe('describeStatus', () => {
  it.each([
    ['with the bot', view({}), null],
    ['queued with a place', view({ state: 'queued', queuePosition: 2 }), 'Waiting for an agent, position 2'],
    ['queued without a place', view({ state: 'queued' }), 'Waiting for an agent'],
    [
      'queued with an estimate',
      view({ state: 'queued', queuePosition: 1, estimatedWaitSeconds: 150 }),
      'Waiting for an agent, position 1',
    ],
    ['with an agent', view({ state: 'assigned', assigneeId: 'a1' }), 'An agent joined'],
    ['offline', view({ state: 'assigned' }, 'offline'), 'Connection lost. Reconnecting…'],
    ['resolved', view({ state: 'resolved' }), null],
  ])('%s', (_name, v, text) => {
    expect(describeStatus(v)?.text ?? null).toBe(text);
  });

  it('gives the wait estimate, or says when nobody is available and offers a ticket', () => {
    const estimate = describeStatus(view({ state: 'queued', queuePosition: 1, estimatedWaitSeconds: 150 }));
    expect(estimate?.detail).toBe('Estimated wait: about 3 min');
    const nobody = describeStatus(view({ state: 'queued', agentsAvailable: false }));
    expect(nobody?.detail).toContain('Nobody is available');
    expect(nobody?.offerTicket).toBe(true);
  });
});

describe('describeHeader', () => {
  it('follows the state', () => {
    expect(describeHeader(view({}))).toContain('Virtual assistant');
    expect(describeHeader(view({ state: 'assigned' }))).toContain('support agent');
    expect(describeHeader(view({ state: 'closed' }))).toBe('Conversation ended');
  });
});

describe('formatWait', () => {
  it.each([
    [20, '1 min'],
    [600, '10 min'],
    [7200, '2 h'],
  ])('%i s -> %s', (s, out) => expect(formatWait(s)).toBe(out));
});
