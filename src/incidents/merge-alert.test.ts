import { describe, expect, it } from 'vitest';
import { choosePolicy, mergeAlert } from './merge-alert.ts';

describe('mergeAlert', () => {
  const incident = { count: 1, severity: 'high' as const, facts: { instrument: 'ESZ6', move: '-4.1%' } };

  it('counts the repeat and lays the new facts over the old', () => {
    expect(
      mergeAlert(incident, {
        severity: 'medium',
        title: 'Flash crash, deeper',
        facts: { move: '-6.0%', volume: 9 },
      }),
    ).toEqual({
      count: 2,
      severity: 'high',
      title: 'Flash crash, deeper',
      facts: { instrument: 'ESZ6', move: '-6.0%', volume: 9 },
      severityRaised: false,
    });
  });

  it('keeps the higher severity and says when the repeat raised it', () => {
    const merged = mergeAlert(incident, { severity: 'critical', title: 't', facts: {} });
    expect(merged.severity).toBe('critical');
    expect(merged.severityRaised).toBe(true);
  });
});

describe('choosePolicy', () => {
  const policies = [
    { id: 'crash', types: ['flash_crash'], minSeverity: 'high' as const },
    { id: 'any_crash', types: ['flash_crash', 'halt'], minSeverity: 'low' as const },
  ];
  it.each([
    ['flash_crash', 'critical', 'crash'],
    ['flash_crash', 'high', 'crash'],
    ['flash_crash', 'medium', 'any_crash'],
    ['halt', 'low', 'any_crash'],
    ['outage', 'critical', null],
  ] as const)('%s at %s -> %s', (type, severity, expected) => {
    expect(choosePolicy(policies, type, severity)?.id ?? null).toBe(expected);
  });
});
