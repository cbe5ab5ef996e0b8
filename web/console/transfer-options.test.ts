import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/protocol/agent.ts';
import { transferAgentOptions, transferTeamOptions } from './transfer-options.ts';

describe('transferTeamOptions', () => {
  it('lists the whole directory, without the current team, by name', () => {
    expect(
      transferTeamOptions({
        directory: [
          { id: 'support', name: 'Customer Support' },
          { id: 'fraud', name: 'Fraud Prevention' },
          { id: 'loans', name: 'Lending' },
        ],
        known: [{ id: 'mystery', name: 'Not in the directory' }],
        current: 'loans',
      }),
    ).toEqual([
      { id: 'support', name: 'Customer Support' },
      { id: 'fraud', name: 'Fraud Prevention' },
    ]);
  });

  it('falls back to the teams seen, naming them when a source knows the name', () => {
    expect(
      transferTeamOptions({
        directory: null,
        known: [
          { id: 'loans' },
          { id: 'support' },
          { id: 'loans', name: 'Lending' },
          { id: null },
          { id: 'fraud', name: 'fraud' },
        ],
        current: 'support',
      }),
    ).toEqual([
      { id: 'fraud', name: 'fraud' },
      { id: 'loans', name: 'Lending' },
    ]);
  });
});

describe('transferAgentOptions', () => {
  const agent = (id: string, name: string, teams: string[], active = true): Agent => ({
    id,
    email: `${id}@x`,
    name,
    role: 'agent',
    teams,
    skills: [],
    capacity: 3,
    active,
  });
  it('puts the team first and leaves out the user and inactive accounts', () => {
    const options = transferAgentOptions(
      [
        agent('a', 'Zed', ['fraud']),
        agent('b', 'Amy', ['loans']),
        agent('me', 'Me', ['fraud']),
        agent('c', 'Old', ['fraud'], false),
        agent('d', 'Bea', ['fraud', 'support']),
      ],
      'me',
      'fraud',
    );
    expect(options.map((o) => o.label)).toEqual(['Bea (fraud, support)', 'Zed (fraud)', 'Amy (loans)']);
  });
});
