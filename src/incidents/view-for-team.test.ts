import { describe, expect, it } from 'vitest';
import { fillFacts, formatFact, labelFor, viewForTeam } from './view-for-team.ts';

const incident = {
  title: 'Flash crash on ESZ6',
  firstSeenAt: '2026-01-06T14:00:00.000Z',
  facts: {
    instrument: 'ESZ6',
    priceMove: '-4.1%',
    window: '90s',
    systemsAffected: ['matching', 'risk-gw'],
    p99LatencyMs: 840,
  },
};

describe('viewForTeam', () => {
  it('shows the sections, action, obligations, clock and runbook of the team view', () => {
    const view = viewForTeam(
      incident,
      { id: 'compliance', name: 'Compliance' },
      {
        headline: 'Possible disorderly market in {{instrument}}',
        sections: [
          { title: 'Market', facts: ['instrument', 'priceMove', 'volume'], labels: { priceMove: 'Move' } },
          { title: 'Empty', facts: ['missing'], labels: {} },
        ],
        action: 'Freeze algos on {{instrument}}',
        obligations: ['Notify surveillance about {{instrument}}'],
        reportingMinutes: 60,
        runbook: 'https://runbooks.example/flash',
        auditTrail: true,
      },
    );
    expect(view).toEqual({
      team: 'compliance',
      teamName: 'Compliance',
      headline: 'Possible disorderly market in ESZ6',
      sections: [
        {
          title: 'Market',
          facts: [
            { key: 'instrument', label: 'Instrument', value: 'ESZ6' },
            { key: 'priceMove', label: 'Move', value: '-4.1%' },
          ],
        },
      ],
      action: 'Freeze algos on ESZ6',
      obligations: ['Notify surveillance about ESZ6'],
      reportingDueAt: '2026-01-06T15:00:00.000Z',
      runbook: 'https://runbooks.example/flash',
      auditTrail: true,
    });
  });

  it('shows every fact in one section to a team without a view', () => {
    const view = viewForTeam(incident, { id: 'cro', name: 'CRO' }, undefined);
    expect(view.headline).toBe('Flash crash on ESZ6');
    expect(view.sections).toHaveLength(1);
    expect(view.sections[0]?.facts.map((f) => f.label)).toEqual([
      'Instrument',
      'Price move',
      'Window',
      'Systems affected',
      'P99 latency ms',
    ]);
    expect(view.reportingDueAt).toBeNull();
  });
});

describe('fact text', () => {
  it.each([
    ['a', 'a'],
    [3.5, '3.5'],
    [['x', 1], 'x, 1'],
    [{ a: 1 }, '{"a":1}'],
    [null, 'unknown'],
  ])('%j -> %s', (value, text) => expect(formatFact(value)).toBe(text));
  it('labels keys and fills placeholders', () => {
    expect(labelFor('positions_exposed')).toBe('Positions exposed');
    expect(fillFacts('{{ a }} and {{b}}', { a: 1 })).toBe('1 and unknown');
  });
});
