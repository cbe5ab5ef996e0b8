import { describe, expect, it } from 'vitest';
import type { Journey } from '../../src/protocol/analytics.ts';
import { journeyFlows } from './journey-flows.ts';

const j = (rule: string, team: string, outcome: Journey['outcome'], handoffs: number): Journey => ({
  rule,
  team,
  outcome,
  handoffs,
});
const teamName = (id: string) => ({ fraud: 'Fraud Prevention' })[id] ?? id;

describe('journeyFlows', () => {
  it('links the bot to each reason, each reason to its teams, each team to the outcomes', () => {
    const flows = journeyFlows(
      [
        j('fraud', 'fraud', 'resolved', 3),
        j('fraud', 'fraud', 'abandoned', 1),
        j('explicit_request', 'fraud', 'open', 2),
        j('explicit_request', 'none', 'resolved', 1),
      ],
      { maxRules: 5, maxTeams: 5, teamName },
    );
    expect(flows.handoffs).toBe(7);
    expect(flows.nodes.map((n) => [n.id, n.label, n.column])).toEqual([
      ['bot', 'Bot', 0],
      ['rule:fraud', 'Fraud', 1],
      ['team:fraud', 'Fraud Prevention', 2],
      ['outcome:resolved', 'Resolved', 3],
      ['outcome:abandoned', 'Abandoned', 3],
      ['rule:explicit_request', 'Explicit request', 1],
      ['outcome:open', 'Still open', 3],
      ['team:none', 'No team', 2],
    ]);
    expect(flows.links).toEqual([
      { source: 'bot', target: 'rule:fraud', value: 4 },
      { source: 'rule:fraud', target: 'team:fraud', value: 4 },
      { source: 'team:fraud', target: 'outcome:resolved', value: 3 },
      { source: 'team:fraud', target: 'outcome:abandoned', value: 1 },
      { source: 'bot', target: 'rule:explicit_request', value: 3 },
      { source: 'rule:explicit_request', target: 'team:fraud', value: 2 },
      { source: 'team:fraud', target: 'outcome:open', value: 2 },
      { source: 'rule:explicit_request', target: 'team:none', value: 1 },
      { source: 'team:none', target: 'outcome:resolved', value: 1 },
    ]);
  });

  it.each([
    { maxRules: 2, rules: ['rule:a', 'rule:b', 'rule:*'], other: 3 },
    { maxRules: 3, rules: ['rule:a', 'rule:b', 'rule:c', 'rule:d'], other: 0 },
  ])('keeps $maxRules reasons apart and gathers the rest', ({ maxRules, rules, other }) => {
    const flows = journeyFlows(
      [
        j('a', 't', 'resolved', 5),
        j('b', 't', 'resolved', 4),
        j('c', 't', 'resolved', 2),
        j('d', 't', 'resolved', 1),
      ],
      { maxRules, maxTeams: 5, teamName },
    );
    expect(flows.nodes.filter((n) => n.column === 1).map((n) => n.id)).toEqual(rules);
    expect(flows.links.find((l) => l.target === 'rule:*')?.value ?? 0).toBe(other);
    expect(flows.nodes.find((n) => n.id === 'rule:*')?.label ?? 'Other reasons').toBe('Other reasons');
  });

  it('has nothing to draw without handoffs', () => {
    expect(journeyFlows([], { maxRules: 5, maxTeams: 5, teamName })).toEqual({
      nodes: [],
      links: [],
      handoffs: 0,
    });
  });
});
