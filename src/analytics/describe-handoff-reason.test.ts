import { describe, expect, it } from 'vitest';
import type { EscalateDecision } from '../protocol/decision.ts';
import { describeHandoffReason } from './describe-handoff-reason.ts';

const decision: EscalateDecision = {
  kind: 'handoff',
  team: 'fraud',
  priority: 'urgent',
  mode: 'warm',
  rule: 'fraud',
  emergency: false,
  risk: 1,
  reasons: ['The customer reports fraud.'],
  signals: [
    { detector: 'risk_topics', score: 1, evidence: ['stolen card'] },
    { detector: 'negative_sentiment', score: 0.2, evidence: [] },
    { detector: 'explicit_request', score: 0.5, evidence: ['a person'] },
  ],
  thresholds: { offer: 0.5, handoff: 0.8 },
  rules: [],
};

describe('describeHandoffReason', () => {
  it.each([
    [
      'the decision carried by the handoff',
      { decision, intent: 'report_fraud' },
      { rule: 'fraud', detectors: ['explicit_request', 'risk_topics'], intent: 'report_fraud' },
    ],
    [
      'reasons of its own (another bot)',
      { reasons: ['Escalated by the partner bot.'] },
      { rule: 'external', detectors: [], intent: null },
    ],
    [
      'reasons win over a decision',
      { decision, reasons: [] },
      { rule: 'external', detectors: [], intent: null },
    ],
    ['no decision at all', {}, { rule: 'unknown', detectors: [], intent: null }],
  ])('%s', (_name, handoff, expected) => {
    expect(describeHandoffReason(handoff)).toEqual(expected);
  });
});
