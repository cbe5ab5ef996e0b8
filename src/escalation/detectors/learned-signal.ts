import {
  pickPriority,
  pickTeam,
  scoreNeed,
  topContributions,
  turnFeatures,
  withTopicTeam,
} from '../../learning/turn-features.ts';
import { topicTeam } from '../assess-context.ts';
import type { Detector } from './detector.ts';
import { clampScore } from './detector.ts';

/**
 * The pack's learned signal (`policy.learned`): the model's probability that a person is needed, mapped so
 * that the model's threshold lands on the policy's handoff threshold (below it the score stays under the
 * offer threshold), with the team and priority it predicts and the features that weighed most as evidence.
 */
export const detectLearnedSignal: Detector = (ctx) => {
  const model = ctx.pack.policy.learned;
  if (!model) return [];
  const features = turnFeatures(ctx.turns, [...ctx.signals.values()]);
  const p = scoreNeed(model, features);
  const { offer, handoff } = ctx.pack.policy.thresholds;
  const t = Math.min(Math.max(model.threshold, 1e-6), 1 - 1e-6);
  const score = p >= t ? handoff + ((1 - handoff) * (p - t)) / (1 - t) : Math.max(0, offer - 0.01) * (p / t);
  const routed = withTopicTeam(features, topicTeam(ctx));
  const team = pickTeam(model, routed);
  const priority = pickPriority(model, routed);
  const evidence = [`p(person needed) ${p.toFixed(2)}, threshold ${t.toFixed(2)}`];
  const why = topContributions(model, features);
  if (why.length > 0) evidence.push(`because ${why.join(', ')}`);
  if (team) evidence.push(`team ${team.team}${team.because.length ? ` (${team.because.join(', ')})` : ''}`);
  return [
    {
      detector: 'learned',
      score: clampScore(score),
      evidence,
      ...(team && ctx.pack.teams.includes(team.team) ? { team: team.team } : {}),
      ...(priority ? { priority } : {}),
    },
  ];
};
