import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factNames } from '../protocol/policy.ts';
import { baseRules, baseSuppressions } from './base-policy.ts';
import { builtinSignals } from './check-policy.ts';
import { genericLexicon } from './generic-lexicon.ts';
import { factHelp, renderPolicyGuide, signalHelp } from './policy-guide.ts';

describe('policy guide', () => {
  const guide = renderPolicyGuide();

  it('is the committed docs/policy-guide.md (regenerate with scripts/generate-policy-guide.ts)', () => {
    expect(readFileSync(new URL('../../docs/policy-guide.md', import.meta.url), 'utf8')).toBe(guide);
  });

  it('documents every signal, fact, concept set, built-in rule and suppression', () => {
    expect(Object.keys(signalHelp).sort()).toEqual([...builtinSignals].sort());
    expect(Object.keys(factHelp).sort()).toEqual([...factNames].sort());
    for (const name of Object.keys(genericLexicon)) expect(guide).toContain(`### \`~${name}\``);
    for (const r of baseRules) expect(guide).toContain(`| \`${r.id}\` |`);
    for (const s of baseSuppressions) expect(guide).toContain(`| \`${s.id}\` |`);
  });
});
