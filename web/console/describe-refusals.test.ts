import { describe, expect, it } from 'vitest';
import type { QueueRefusal } from './api-client.ts';
import { describeRefusals } from './describe-refusals.ts';

const refusal = (agentId: string, kind: QueueRefusal['kind'], second: number): QueueRefusal => ({
  conversationId: 'c1',
  team: 'loans',
  agentId,
  agentName: agentId === 'me' ? 'Me' : 'Solo',
  kind,
  at: `2026-11-25T15:00:${String(second).padStart(2, '0')}Z`,
});

describe('describeRefusals', () => {
  it.each<[string, QueueRefusal[], string | null]>([
    ['nobody refused', [], null],
    ['I declined', [refusal('me', 'declined', 1)], 'You declined'],
    [
      'someone missed twice',
      [refusal('solo', 'expired', 1), refusal('solo', 'expired', 40)],
      'Solo missed 2×',
    ],
    [
      'both, latest first',
      [refusal('solo', 'expired', 1), refusal('solo', 'declined', 9)],
      'Solo declined and missed',
    ],
    [
      'newest first',
      [refusal('me', 'declined', 1), refusal('solo', 'expired', 30)],
      'Solo missed, You declined',
    ],
  ])('%s', (_name, refusals, expected) => {
    expect(describeRefusals(refusals, 'me')).toBe(expected);
  });
});
