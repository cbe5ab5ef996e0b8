import type { PolicyBoost, PolicyRule } from './policy-schema.ts';

const rule = (r: Omit<PolicyRule, 'mode' | 'emergency' | 'maxKind'> & Partial<PolicyRule>): PolicyRule => ({
  mode: 'warm',
  emergency: false,
  maxKind: 'handoff',
  ...r,
});

/**
 * Rules every policy gets unless it sets `base: false` (a pack rule with the same id replaces one):
 * the general reasons to bring in a person, whatever the business.
 */
export const baseRules: readonly PolicyRule[] = [
  rule({
    id: 'explicit_request',
    label: 'The customer asked for a person',
    when: {
      any: [
        { signal: 'explicit_request', min: 0.4 },
        // the classifier's "handoff" intent, unless the message asks how something works ("are your agents
        // based in the US?"): a real ask in a question is caught by the explicit-request detector
        {
          all: [
            { tag: ['handoff'] },
            { fact: 'confidence', gte: 0.75 },
            { not: { text: ['~info_question'] } },
          ],
        },
      ],
    },
    impact: 1,
    team: 'topic',
    priority: 'normal',
  }),
  rule({
    id: 'needs_human_topic',
    label: 'The topic needs a specialist',
    when: { any: [{ tag: ['complex', 'needs_human'] }, { caseTag: ['needs_human'] }] },
    impact: 0.9,
    team: 'topic',
    priority: 'normal',
  }),
  rule({
    id: 'urgent_intent',
    label: 'An urgent topic',
    when: { signal: 'intent_urgent', min: 0.1 },
    impact: 1,
    team: 'topic',
    priority: 'urgent',
  }),
  rule({
    id: 'risk_intent',
    label: 'A topic the business marks as a risk',
    when: { signal: 'intent_risk', min: 0.1 },
    impact: 1,
    team: 'topic',
    priority: 'high',
  }),
  rule({
    id: 'frustration',
    label: 'The customer is upset',
    when: { signal: 'negative_sentiment', min: 0.6 },
    impact: 1,
    team: 'topic',
    priority: 'high',
  }),
  rule({
    id: 'bot_failing',
    label: 'The customer says the bot keeps failing them',
    when: { text: ['~bot_failing'] },
    impact: 1,
    team: 'topic',
    priority: 'high',
  }),
  rule({
    id: 'flow_dead_end',
    label: 'Troubleshooting ran out of steps',
    when: { signal: 'flow_dead_end', min: 0.9 },
    impact: 1,
    team: 'topic',
    priority: 'normal',
  }),
  rule({
    id: 'bot_error',
    label: 'The bot or a lookup failed',
    when: { signal: 'bot_error', min: 0.5 },
    impact: 0.8,
    team: 'topic',
    priority: 'normal',
  }),
  rule({
    id: 'not_understood',
    label: 'The bot keeps failing to understand',
    when: {
      any: [
        { signal: 'out_of_scope', min: 1 },
        { signal: 'low_confidence', min: 1 },
      ],
    },
    impact: 0.7,
    team: 'topic',
    priority: 'normal',
    maxKind: 'offer',
  }),
  rule({
    id: 'repetition',
    label: 'The conversation is going in circles',
    when: { signal: 'repetition', min: 0.6 },
    impact: 0.7,
    team: 'topic',
    priority: 'normal',
    maxKind: 'offer',
  }),
  rule({
    id: 'self_service_failed',
    label: "The bot's answer did not work for the customer",
    when: { signal: 'self_service_failed', min: 1 },
    impact: 0.7,
    team: 'topic',
    priority: 'normal',
    maxKind: 'offer',
  }),
  rule({
    id: 'no_progress',
    label: 'No progress for several turns',
    when: { signal: 'no_progress', min: 1 },
    impact: 0.6,
    team: 'topic',
    priority: 'normal',
    maxKind: 'offer',
  }),
];

/** Priority boosts every policy gets unless it sets `base: false`. */
export const baseBoosts: readonly PolicyBoost[] = [
  {
    id: 'upset',
    when: { signal: 'negative_sentiment', min: 0.5, ever: true },
    priority: 'high',
    reason: 'the customer has been upset',
  },
  { id: 'vip', when: { tier: ['vip'] }, priority: 'high', reason: 'VIP customer' },
];
