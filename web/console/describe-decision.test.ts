import { describe, expect, it } from 'vitest';
import type { ContextDecision } from '../../src/protocol/context-package.ts';
import { describeMessageDecision, describePackageDecision, humanize, percent } from './describe-decision.ts';

const lending: ContextDecision = {
  kind: 'handoff',
  rule: 'lending',
  team: 'loans',
  teamName: 'Lending',
  priority: 'normal',
  mode: 'warm',
  risk: 1,
  emergency: false,
  turn: 1,
  reasons: [
    'Hand off to loans (normal): Lending question for a loan officer.',
    'Risk 1.00 = likelihood 1.00 x impact 1.00; offer at 0.40, hand off at 0.60.',
    'Evidence: Lending needs a loan officer; said "refinanc*".',
    'Also: The topic needs a specialist (risk 0.90).',
  ],
  signals: [
    { detector: 'risk:lending', score: 1, evidence: ['Lending needs a loan officer', 'said "refinanc*"'] },
  ],
};

describe('describePackageDecision', () => {
  it('leads with the first reason, lists signals, and drops evidence lines the signals repeat', () => {
    expect(describePackageDecision(lending)).toEqual({
      headline: 'Hand off to loans (normal): Lending question for a loan officer.',
      kind: 'handoff',
      mode: 'warm',
      team: 'Lending',
      priority: 'normal',
      risk: 1,
      rule: 'lending',
      emergency: false,
      signals: [
        { title: 'Risk: lending', score: 1, evidence: ['Lending needs a loan officer', 'said "refinanc*"'] },
      ],
      details: [
        'Risk 1.00 = likelihood 1.00 x impact 1.00; offer at 0.40, hand off at 0.60.',
        'Also: The topic needs a specialist (risk 0.90).',
      ],
    });
  });

  it('keeps evidence lines when there are no signals to show them', () => {
    const view = describePackageDecision({ ...lending, signals: [] });
    expect(view.details).toContain('Evidence: Lending needs a loan officer; said "refinanc*".');
  });
});

describe('describeMessageDecision', () => {
  it('reads triggered rules with their evidence', () => {
    const view = describeMessageDecision({
      kind: 'handoff',
      team: 'fraud',
      priority: 'urgent',
      risk: 0.9,
      rules: [
        { rule: 'fraud', label: 'Possible fraud', risk: 0.9, evidence: ['Possible fraud', 'said "stolen"'] },
        { rule: 'fraud', label: 'Possible fraud', risk: 0.9, evidence: [] },
        'junk',
      ],
    });
    expect(view).toMatchObject({ kind: 'handoff', team: 'fraud', priority: 'urgent', risk: 0.9 });
    expect(view?.signals).toEqual([{ title: 'Possible fraud', score: 0.9, evidence: ['said "stolen"'] }]);
  });

  it('falls back to plain reason lines, and to null without a decision', () => {
    expect(
      describeMessageDecision({ reasons: ['asked for a person', { detector: 'sentiment', score: 0.7 }] })
        ?.signals,
    ).toEqual([
      { title: 'asked for a person', score: null, evidence: [] },
      { title: 'sentiment', score: 0.7, evidence: [] },
    ]);
    expect(describeMessageDecision(null)).toBeNull();
  });
});

describe('humanize and percent', () => {
  it.each([
    ['risk:lending', 'Risk: lending'],
    ['repeated_failure', 'Repeated failure'],
    ['asked-for-human', 'Asked for human'],
  ])('%s -> %s', (id, label) => {
    expect(humanize(id)).toBe(label);
  });
  it('rounds to whole percents', () => {
    expect(percent(0.934)).toBe('93%');
    expect(percent(1)).toBe('100%');
  });
});
