import { describe, expect, it } from 'vitest';
import { canActOnIncident } from './can-act-on-incident.ts';

const incident = { pages: [{ team: 'traders' }, { team: 'cro' }] };

describe('canActOnIncident', () => {
  it.each([
    ['a member of a paged team', { role: 'agent', teams: ['cro'] }, true],
    ['an agent of no paged team', { role: 'agent', teams: ['client_desk'] }, false],
    ['an agent of no team', { role: 'agent', teams: [] }, false],
    ['a supervisor', { role: 'supervisor', teams: [] }, true],
    ['an admin', { role: 'admin', teams: ['client_desk'] }, true],
  ])('%s -> %s', (_name, who, expected) => {
    expect(canActOnIncident(incident, who)).toBe(expected);
  });
});
