import { describe, expect, it } from 'vitest';
import type { ConversationLabel } from '../feedback/outcome-labels.ts';
import { labelledConversationSchema } from '../protocol/learning.ts';
import { type StoredTranscript, toLabelledConversation } from './to-labelled-conversation.ts';

const transcript: StoredTranscript = {
  id: 'c1',
  pack: 'bank',
  customer: { tier: 'standard', attributes: {} },
  customerTexts: ['hi', 'my card was charged twice', 'yes please'],
  agentTexts: ['I refunded the second charge.'],
  handoff: { turn: 2, team: 'billing' },
  team: 'billing',
};
const label = (over: Partial<ConversationLabel>): ConversationLabel => ({
  conversationId: 'c1',
  pack: 'bank',
  endedAt: '2026-12-01T00:00:00Z',
  needed: null,
  teamCorrect: null,
  rightTeam: null,
  earlier: null,
  sources: ['agent'],
  strength: 1,
  ...over,
});

describe('toLabelledConversation', () => {
  it.each([
    {
      name: 'needed, at the turn it came',
      t: {},
      l: { needed: true },
      expect: { handoff: true, turn: 2, team: 'billing' },
    },
    { name: 'not needed', t: {}, l: { needed: false }, expect: { handoff: false } },
    {
      name: 'should have come earlier',
      t: {},
      l: { needed: true, earlier: true },
      expect: { handoff: true, turn: 1 },
    },
    {
      name: 'went to the wrong team',
      t: {},
      l: { teamCorrect: false, rightTeam: 'cards' },
      expect: { handoff: true, turn: 2, team: 'cards' },
    },
    {
      name: 'the bot kept it but a person was needed',
      t: { handoff: null, agentTexts: [], team: null },
      l: { needed: true, sources: ['recontact'] },
      expect: { handoff: true, turn: 3, tolerance: 2, team: 'support' },
    },
  ])('$name', ({ t, l, expect: outcome }) => {
    const made = toLabelledConversation({ ...transcript, ...t }, label(l), 'support');
    expect(made?.expect).toMatchObject(outcome);
    expect(labelledConversationSchema.safeParse(made).success).toBe(true);
  });

  it('carries the agent answer as the resolution', () => {
    expect(toLabelledConversation(transcript, label({ needed: true }), 'support')?.resolution).toBe(
      'I refunded the second charge.',
    );
  });

  it('leaves out a bot-kept conversation the label says nothing about', () => {
    const kept = { ...transcript, handoff: null, agentTexts: [], team: null };
    expect(toLabelledConversation(kept, label({ teamCorrect: true }), 'support')).toBeNull();
  });
});
