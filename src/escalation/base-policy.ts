import type { PolicyBoost, PolicyRisk, PolicyRule, PolicySuppress } from '../protocol/policy.ts';

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
            { not: { text: ['~info_question', '~self_description'] } },
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
    id: 'vocal_distress',
    label: 'The caller sounds distressed or angry (voice transcript)',
    when: { signal: 'vocal_cues', min: 0.6 },
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

const risk = (r: Pick<PolicyRisk, 'id' | 'label' | 'cues'> & Partial<PolicyRisk>): PolicyRisk => ({
  intents: [],
  tags: [],
  intentWeight: 0.8,
  entities: [],
  entityWeight: 0.3,
  ...r,
});
const cue = (c: Partial<PolicyRisk['cues'][number]>): PolicyRisk['cues'][number] => ({
  weight: 1,
  each: false,
  ...c,
});

/**
 * Risks any business has, read from the generic concept sets, so that a pack without a policy still hands
 * off what obviously needs a person. A pack risk with the same id replaces one; `base: false` drops them.
 */
export const baseRisks: readonly PolicyRisk[] = [
  risk({
    id: 'safety',
    label: 'Danger to someone or their home',
    cues: [cue({ any: ['~safety_emergency', '~medical_emergency'] })],
  }),
  risk({
    id: 'fraud',
    label: 'Fraud, a scam or someone else in the account',
    cues: [
      cue({ any: ['~fraud_strong', '~security_incident'] }),
      cue({ all: [['~account_credentials'], ['~not_me']], near: 10 }),
      cue({ all: [['~identity_opened'], ['~in_my_name']], near: 8 }),
      cue({ all: [['~scam_payment'], ['~scam_sign']], near: 20 }),
      cue({ any: ['~gave_credentials'], weight: 0.7 }),
    ],
  }),
  risk({
    id: 'legal',
    label: 'A legal threat',
    cues: [cue({ any: ['~legal_threat'] }), cue({ all: [['~lawyer'], ['~lawyer_action']], near: 4 })],
  }),
  risk({
    id: 'complaint',
    label: 'A formal complaint or a customer about to leave',
    cues: [
      cue({ any: ['~formal_complaint', '~churn'] }),
      cue({ all: [['~account_closure'], ['~leaving_reason']] }),
    ],
  }),
  risk({
    id: 'outage',
    label: 'A problem hitting many customers at once',
    cues: [cue({ all: [['~outage_symptom'], ['~widespread']], near: 15 })],
  }),
  risk({
    id: 'billing_error',
    label: 'A billing error',
    cues: [cue({ any: ['~billing_error'] }), cue({ all: [['~cancelled'], ['~billed']], near: 10 })],
  }),
  risk({ id: 'hardship', label: 'Financial hardship or a bereavement', cues: [cue({ any: ['~hardship'] })] }),
];

/** Decision rules over the base risks: each hands off to the team whose intents carry the matching tag. */
export const baseRiskRules: readonly PolicyRule[] = [
  rule({
    id: 'safety',
    label: 'Danger to someone or their home',
    when: { signal: 'risk:safety', min: 0.6 },
    impact: 1,
    team: 'tag:risk:emergency|risk:safety|urgent',
    priority: 'urgent',
    emergency: true,
  }),
  rule({
    id: 'fraud',
    label: 'Fraud, a scam or an account takeover',
    when: { signal: 'risk:fraud', min: 0.6 },
    impact: 1,
    team: 'tag:risk:fraud|risk:security',
    priority: 'urgent',
  }),
  rule({
    id: 'legal',
    label: 'A legal threat',
    when: { signal: 'risk:legal', min: 0.6 },
    impact: 1,
    team: 'tag:risk:legal|complaint',
    priority: 'high',
  }),
  rule({
    id: 'complaint',
    label: 'A formal complaint or a customer about to leave',
    when: { signal: 'risk:complaint', min: 0.6 },
    impact: 1,
    team: 'tag:complaint|risk:complaint|risk:churn',
    priority: 'high',
  }),
  rule({
    id: 'outage',
    label: 'A problem hitting many customers at once',
    when: { signal: 'risk:outage', min: 0.6 },
    impact: 1,
    team: 'tag:risk:outage',
    priority: 'high',
  }),
  rule({
    id: 'billing_error',
    label: 'A billing error',
    when: { signal: 'risk:billing_error', min: 0.6 },
    impact: 1,
    team: 'tag:risk:billing|billing',
    priority: 'normal',
  }),
  rule({
    id: 'hardship',
    label: 'Financial hardship or a bereavement',
    when: { signal: 'risk:hardship', min: 0.6 },
    impact: 1,
    team: 'tag:risk:hardship',
    priority: 'normal',
  }),
];

/**
 * The generic layer's rules (tagged intents and the base risks): they speak when the pack's own policy is
 * silent on a turn, and stand aside when one of the pack's own rules fires (the pack's judgement refines them).
 */
export const genericRuleIds: ReadonlySet<string> = new Set([
  'urgent_intent',
  'risk_intent',
  ...baseRiskRules.map((r) => r.id),
]);

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

/**
 * Known false alarms of the built-in rules, stopped in every policy unless it sets `base: false`. They name
 * built-in rules only: a pack rule with the same id replaces the built-in one and is not suppressed here.
 */
export const baseSuppressions: readonly PolicySuppress[] = [
  {
    id: 'own_activity',
    rules: ['fraud', 'risk_intent', 'needs_human_topic'],
    when: { all: [{ text: ['~confirms_own'] }, { not: { text: ['~unauthorized', '~not_me'] } }] },
    reason: 'the customer confirms the flagged activity was theirs',
  },
  {
    id: 'suspicious_message_not_acted_on',
    rules: ['fraud', 'risk_intent'],
    when: { all: [{ text: ['~not_acted'] }, { not: { text: ['~acted_on', '~unauthorized', '~not_me'] } }] },
    reason: 'a suspicious message the customer did not act on: the bot warns and answers',
  },
];
