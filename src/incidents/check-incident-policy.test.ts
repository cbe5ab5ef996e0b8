import { describe, expect, it } from 'vitest';
import { incidentsConfigSchema } from '../protocol/incident.ts';
import { checkIncidentPolicy } from './check-incident-policy.ts';

const teams = new Set(['traders', 'compliance', 'cro']);
const config = (over: Record<string, unknown>) =>
  incidentsConfigSchema.parse({
    policies: [{ id: 'crash', types: ['flash_crash'], page: ['traders'], ackSeconds: 60, ladder: ['cro'] }],
    ...over,
  });

describe('checkIncidentPolicy', () => {
  it('accepts a policy over the pack teams', () => {
    expect(checkIncidentPolicy(config({ views: { traders: {} } }), teams)).toEqual([]);
    expect(checkIncidentPolicy(undefined, teams)).toEqual([]);
  });

  it('names every unknown team, duplicate and bad zone with its path', () => {
    const problems = checkIncidentPolicy(
      config({
        policies: [
          { id: 'crash', types: ['a'], page: ['traders', 'desk'], ackSeconds: 60, ladder: ['cro', 'cro'] },
          { id: 'crash', types: ['b'], page: ['traders'], ackSeconds: 60 },
        ],
        views: { it_ops: {} },
        quietHours: { timezone: 'Mars/Olympus', from: '22:00', to: '06:00' },
      }),
      teams,
    );
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      'incidents.policies.0.page.1: unknown team "desk" (teams: traders, compliance, cro)',
      'incidents.policies.0.ladder.1: team "cro" is on the ladder twice',
      'incidents.policies.1.id: duplicate policy id "crash"',
      'incidents.views.it_ops: unknown team "it_ops" (teams: traders, compliance, cro)',
      'incidents.quietHours.timezone: unknown time zone "Mars/Olympus"',
    ]);
  });

  it('refuses a malformed section in the schema', () => {
    const bad = incidentsConfigSchema.safeParse({
      policies: [{ id: 'x', types: [], page: [], ackSeconds: 1 }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'policies.0.types',
      'policies.0.page',
      'policies.0.ackSeconds',
    ]);
  });
});
