import { matchCondition } from '../match-condition.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/** Business rules: the pack's named conditions over entities, tool results and the customer profile. */
export const detectBusinessRules: Detector = (ctx) => {
  const out = [];
  for (const rule of ctx.pack.policy.business) {
    const r = matchCondition(ctx, rule.when);
    if (!r.ok) continue;
    const score = clampScore(rule.score * r.score);
    out.push({ detector: `business:${rule.id}`, score, peak: score, evidence: [rule.label, ...r.evidence] });
  }
  return out;
};
