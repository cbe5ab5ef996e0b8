import { describe, expect, it } from 'vitest';
import { readPolicyText } from './read-policy-text.ts';

describe('readPolicyText', () => {
  it.each([
    ['a policy section', 'thresholds: { offer: 0.3, handoff: 0.7 }\n', 0.3],
    ['a whole pack', 'id: x\nintents: []\npolicy:\n  thresholds: { offer: 0.2, handoff: 0.5 }\n', 0.2],
    ['only a policy key', 'policy:\n  thresholds: { offer: 0.25, handoff: 0.5 }\n', 0.25],
    ['an empty file (all defaults)', '', 0.4],
  ])('reads %s', (_name, text, offer) => {
    expect(readPolicyText(text).thresholds.offer).toBe(offer);
  });

  it.each([
    ['bad YAML', 'rules: [', /not valid YAML/],
    ['a typo in a key', 'treshold: 1\n', /invalid policy[\s\S]*treshold/],
    ['a bad rule', 'rules:\n  - { id: x, label: x, when: { signal: a }, impact: 3 }\n', /rules\.0\.impact/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => readPolicyText(text, 'p.yaml')).toThrow(message);
  });
});
