import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../protocol/conversation.ts';
import { type Lifecycle, type LifecycleEvent, transition } from './transition.ts';

const now = new Date('2026-03-01T10:00:00Z');
const at = (state: ConversationState, extra: Partial<Lifecycle> = {}): Lifecycle => ({
  state,
  team: null,
  priority: 'normal',
  assigneeId: null,
  ...extra,
});

describe('transition', () => {
  const allowed: [string, Lifecycle, LifecycleEvent, Partial<Lifecycle>][] = [
    [
      'bot hands off',
      at('bot'),
      { type: 'handoff', team: 'loans', priority: 'high' },
      { state: 'queued', team: 'loans', priority: 'high' },
    ],
    [
      'queued is assigned',
      at('queued', { team: 'loans' }),
      { type: 'assign', agentId: 'a1' },
      { state: 'assigned', assigneeId: 'a1' },
    ],
    [
      'agent takes over from bot',
      at('bot'),
      { type: 'take_over', agentId: 'a1', team: 'support' },
      { state: 'assigned', team: 'support' },
    ],
    [
      'transfer to team',
      at('assigned', { team: 'loans', assigneeId: 'a1' }),
      { type: 'transfer_to_team', team: 'fraud' },
      { state: 'queued', team: 'fraud', assigneeId: null },
    ],
    [
      'transfer to agent',
      at('assigned', { assigneeId: 'a1' }),
      { type: 'transfer_to_agent', agentId: 'a2' },
      { state: 'assigned', assigneeId: 'a2' },
    ],
    [
      'requeue when agent leaves',
      at('assigned', { assigneeId: 'a1' }),
      { type: 'requeue' },
      { state: 'queued', assigneeId: null },
    ],
    [
      'hand back to bot',
      at('assigned', { assigneeId: 'a1', team: 'loans' }),
      { type: 'hand_back' },
      { state: 'bot', team: null, assigneeId: null },
    ],
    [
      'customer cancels waiting',
      at('queued', { team: 'loans' }),
      { type: 'cancel_waiting' },
      { state: 'bot', team: null },
    ],
    ['agent resolves', at('assigned', { assigneeId: 'a1' }), { type: 'resolve' }, { state: 'resolved' }],
    ['bot-only conversation ends', at('bot'), { type: 'resolve' }, { state: 'resolved' }],
    ['customer writes again after resolution', at('resolved'), { type: 'reopen' }, { state: 'bot' }],
    ['close', at('resolved'), { type: 'close' }, { state: 'closed' }],
  ];
  it.each(allowed)('%s', (_name, from, event, expected) => {
    const result = transition(from, event, now);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.next).toMatchObject(expected);
  });

  const refused: [string, Lifecycle, LifecycleEvent][] = [
    ['assign a bot conversation', at('bot'), { type: 'assign', agentId: 'a1' }],
    ['hand off twice', at('queued'), { type: 'handoff', team: 'x', priority: 'normal' }],
    ['resolve while queued', at('queued'), { type: 'resolve' }],
    ['close twice', at('closed'), { type: 'close' }],
    ['reopen an open conversation', at('bot'), { type: 'reopen' }],
    ['requeue a queued conversation', at('queued'), { type: 'requeue' }],
    [
      'transfer to the same agent',
      at('assigned', { assigneeId: 'a1' }),
      { type: 'transfer_to_agent', agentId: 'a1' },
    ],
    ['take over a resolved conversation', at('resolved'), { type: 'take_over', agentId: 'a1', team: null }],
  ];
  it.each(refused)('refuses to %s', (_name, from, event) => {
    const result = transition(from, event, now);
    expect(result.ok).toBe(false);
  });

  it('carries only lifecycle fields into the patch', () => {
    const withExtras = { ...at('queued', { team: 't' }), queuedAt: 'a string', id: 'c1' } as Lifecycle;
    const result = transition(withExtras, { type: 'assign', agentId: 'a1' }, now);
    expect(result.ok && Object.keys(result.next).sort()).toEqual([
      'assignedAt',
      'assigneeId',
      'priority',
      'state',
      'team',
    ]);
  });

  it('stamps the time of the change', () => {
    const result = transition(at('bot'), { type: 'handoff', team: 't', priority: 'normal' }, now);
    expect(result.ok && result.next.queuedAt).toEqual(now);
  });
});
