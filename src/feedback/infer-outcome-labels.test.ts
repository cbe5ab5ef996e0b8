import { describe, expect, it } from 'vitest';
import { inferOutcomeLabels, isMacroReply, type OutcomeFacts } from './infer-outcome-labels.ts';

const base: OutcomeFacts = {
  firstTeam: null,
  transfers: [],
  agentReplies: [],
  turns: [{ kind: 'stay', personRequested: false }],
  csat: null,
  endedMidFlow: false,
  recontact: null,
};
const stay = { kind: 'stay' as const, personRequested: false };

describe('inferOutcomeLabels', () => {
  it.each<{ name: string; facts: Partial<OutcomeFacts>; labels: object[] }>([
    { name: 'a bot-kept conversation with nothing wrong', facts: { csat: 5 }, labels: [] },
    {
      name: 'a transfer to another team',
      facts: { firstTeam: 'billing', transfers: ['cards'], agentReplies: [{ macro: false }] },
      labels: [{ source: 'transfer', teamCorrect: false, rightTeam: 'cards', needed: null }],
    },
    {
      name: 'a transfer back to the same team',
      facts: { firstTeam: 'billing', transfers: ['billing'], agentReplies: [{ macro: false }] },
      labels: [],
    },
    {
      name: 'one macro reply resolved it',
      facts: { firstTeam: 'billing', agentReplies: [{ macro: true }] },
      labels: [{ source: 'macro_reply', needed: false }],
    },
    {
      name: 'one reply typed by hand',
      facts: { firstTeam: 'billing', agentReplies: [{ macro: false }] },
      labels: [],
    },
    {
      name: 'two replies, the first a macro',
      facts: { firstTeam: 'billing', agentReplies: [{ macro: true }, { macro: false }] },
      labels: [],
    },
    {
      name: 'asked for a person after the bot kept two turns',
      facts: { firstTeam: 'billing', turns: [stay, stay, { kind: 'handoff', personRequested: true }] },
      labels: [{ source: 'asked_for_person', needed: true, earlier: true }],
    },
    {
      name: 'asked for a person at once',
      facts: { firstTeam: 'billing', turns: [{ kind: 'handoff', personRequested: true }] },
      labels: [],
    },
    {
      name: 'came back within a day',
      facts: { recontact: { conversationId: 'c2', hours: 3 } },
      labels: [{ source: 'recontact', needed: true }],
    },
    { name: 'rated 2', facts: { csat: 2 }, labels: [{ source: 'low_csat', needed: true }] },
    { name: 'rated 3', facts: { csat: 3 }, labels: [] },
    { name: 'left mid-flow', facts: { endedMidFlow: true }, labels: [{ source: 'abandoned', needed: true }] },
    {
      name: 'a handed-off conversation rated 1 is not a bot miss',
      facts: { firstTeam: 'billing', csat: 1, agentReplies: [{ macro: false }] },
      labels: [],
    },
  ])('$name', ({ facts, labels }) => {
    const found = inferOutcomeLabels({ ...base, ...facts });
    expect(found).toHaveLength(labels.length);
    labels.forEach((l, i) => {
      expect(found[i]).toMatchObject(l);
    });
  });
});

describe('isMacroReply', () => {
  const macros = ["Thanks, I'm looking into this now; it may take a minute or two."];
  it.each([
    { text: "Thanks,  I'm looking into this now; it may take a minute or two.", macro: true },
    { text: "Hi Ann! Thanks, I'm looking into this now; it may take a minute or two.", macro: true },
    {
      text: "Thanks, I'm looking into this now; it may take a minute or two. Your refund was sent on Monday and should arrive by Friday at the latest, with a reference.",
      macro: false,
    },
    { text: 'Your refund was sent.', macro: false },
    { text: '', macro: false },
  ])('$text -> $macro', ({ text, macro }) => {
    expect(isMacroReply(text, macros)).toBe(macro);
  });
});
