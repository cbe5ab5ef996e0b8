import { describe, expect, it } from 'vitest';
import { compareDecisions, decisionGist } from './compare-decisions.ts';

describe('compareDecisions', () => {
  const stay = decisionGist({ kind: 'stay' }, 'hello');
  it.each([
    { name: 'same stay and reply', live: stay, shadow: decisionGist({ kind: 'stay' }, 'hello'), is: 'same' },
    { name: 'another reply', live: stay, shadow: decisionGist({ kind: 'stay' }, 'hi'), is: 'reply' },
    {
      name: 'hands over instead',
      live: stay,
      shadow: decisionGist({ kind: 'handoff', team: 'cards', rule: 'r' }, null),
      is: 'decision',
    },
    {
      name: 'another team',
      live: decisionGist({ kind: 'handoff', team: 'cards' }, null),
      shadow: decisionGist({ kind: 'handoff', team: 'loans' }, null),
      is: 'decision',
    },
    {
      name: 'same team, another rule',
      live: decisionGist({ kind: 'handoff', team: 'cards', rule: 'a' }, null),
      shadow: decisionGist({ kind: 'handoff', team: 'cards', rule: 'b' }, null),
      is: 'same',
    },
  ])('$name -> $is', ({ live, shadow, is }) => {
    expect(compareDecisions(live, shadow)).toBe(is);
  });
});
