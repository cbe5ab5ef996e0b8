import { describe, expect, it } from 'vitest';
import type { TransferTargets } from './api-client.ts';
import { exactOption, filterOptions, transferAgentOptions, transferTeamOptions } from './transfer-options.ts';

const targets: TransferTargets = {
  teams: [
    { id: 'support', name: 'Customer Support' },
    { id: 'fraud', name: 'Fraud Prevention' },
    { id: 'loans', name: 'Lending' },
  ],
  agents: [
    { id: 'a', name: 'Zed', teams: ['fraud'], online: true },
    { id: 'b', name: 'Amy', teams: ['loans'], online: false },
    { id: 'me', name: 'Me', teams: ['fraud'], online: true },
    { id: 'd', name: 'Bea', teams: ['fraud', 'support'], online: false },
    { id: 'e', name: 'Cal', teams: ['support'], online: true },
  ],
};

describe('transferTeamOptions', () => {
  it('lists every team but the current one, by name, with the agents online in each', () => {
    expect(transferTeamOptions(targets, 'loans')).toEqual([
      { id: 'support', name: 'Customer Support', online: 1 },
      { id: 'fraud', name: 'Fraud Prevention', online: 2 },
    ]);
    expect(transferTeamOptions(targets, null)).toHaveLength(3);
  });
});

describe('transferAgentOptions', () => {
  it('leaves out the user, lists online agents first, then those in the team, then by name', () => {
    expect(
      transferAgentOptions(targets.agents, 'me', 'fraud').map((o) => [o.name, o.online, o.inTeam]),
    ).toEqual([
      ['Zed', true, true],
      ['Cal', true, false],
      ['Bea', false, true],
      ['Amy', false, false],
    ]);
  });
});

describe('filterOptions and exactOption', () => {
  const teams = transferTeamOptions(targets, null);
  it.each([
    { query: '', ids: ['support', 'fraud', 'loans'] },
    { query: 'fra', ids: ['fraud'] },
    { query: 'LEND', ids: ['loans'] },
    { query: 'customer support', ids: ['support'] },
    { query: 'nobody', ids: [] },
  ])('"$query" matches $ids', ({ query, ids }) => {
    expect(filterOptions(teams, query).map((t) => t.id)).toEqual(ids);
  });

  it('matches agents by their teams too', () => {
    expect(
      filterOptions(transferAgentOptions(targets.agents, 'me', null), 'support').map((a) => a.name),
    ).toEqual(['Cal', 'Bea']);
  });

  it.each([
    { query: 'fraud', id: 'fraud' },
    { query: ' Lending ', id: 'loans' },
    { query: 'fra', id: null },
    { query: '', id: null },
  ])('"$query" is exactly $id', ({ query, id }) => {
    expect(exactOption(teams, query)?.id ?? null).toBe(id);
  });
});
