import { describe, expect, it } from 'vitest';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Decision } from '../protocol/decision.ts';
import { decisionSchema } from '../protocol/decision.ts';
import { assessTurn } from './assess-turn.ts';
import { checkPolicy } from './check-policy.ts';
import { toEscalationPack } from './escalation-pack.ts';
import { demoLexicon, makePack, makeTurn, numbered } from './fixtures/make-turn.ts';

/** A policy shaped like the demo packs': risks, business rules, suppressions, boosts. */
const policy = {
  detectors: { explicitRequest: { roles: { nurse: 'nurse' } } },
  lexicon: {
    ...demoLexicon('clinic', 'retail'),
    booking: ['book*', 'appointment', 'see a doctor', 'next available'],
  },
  risks: [
    {
      id: 'emergency',
      label: 'Possible medical emergency',
      cues: [
        { any: ['~medical_emergency', '~breathing_trouble'] },
        { all: [['~chest'], ['~pain_words']], near: 4 },
      ],
    },
    {
      id: 'symptoms',
      label: 'Symptoms a nurse should assess',
      intents: ['symptom_question'],
      cues: [
        { any: ['~concerning_symptoms', '~mild_symptoms'], weight: 0.45, each: true },
        { any: ['~persistence'], weight: 0.2 },
      ],
    },
    {
      id: 'lending',
      label: 'Lending',
      intents: ['refinance'],
      cues: [{ any: ['mortgage*', 'refinanc*'], weight: 0.6 }],
    },
  ],
  business: [
    {
      id: 'price_match',
      label: 'Price match request',
      when: { any: [{ text: ['~price_match'] }, { all: [{ text: ['~cheaper'] }, { competitor: true }] }] },
    },
    {
      id: 'order_exception',
      label: 'Order delayed or lost',
      when: { tool: 'order_status', field: 'status', in: ['delayed', 'lost'] },
    },
    { id: 'big_amount', label: 'Amount over 5,000', when: { fact: 'amount', gt: 5000 } },
  ],
  rules: [
    {
      id: 'emergency',
      label: 'Possible medical emergency',
      when: { signal: 'risk:emergency', min: 0.6 },
      impact: 1,
      team: 'nurse',
      priority: 'urgent',
      emergency: true,
    },
    {
      id: 'symptoms',
      label: 'Symptoms for a nurse',
      when: { signal: 'risk:symptoms', min: 0.6 },
      impact: 1,
      team: 'nurse',
      priority: 'high',
    },
    {
      id: 'lending',
      label: 'Lending question',
      when: { signal: 'risk:lending', min: 0.6 },
      impact: 1,
      team: 'loans',
    },
    {
      id: 'price_match',
      label: 'Eligible price match',
      when: { signal: 'business:price_match' },
      impact: 1,
      team: 'care',
    },
    {
      id: 'order_exception',
      label: 'Order delayed',
      when: { signal: 'business:order_exception' },
      impact: 1,
      team: 'l2',
    },
    {
      id: 'big_amount',
      label: 'Large amount',
      when: { signal: 'business:big_amount' },
      impact: 0.5,
      team: 'default',
    },
  ],
  suppress: [
    {
      id: 'mild_symptom_booking',
      rules: ['symptoms'],
      when: {
        all: [
          { text: ['~mild_modifiers'] },
          { text: ['~booking'] },
          { not: { text: ['~medical_emergency'] } },
        ],
      },
      reason: 'a routine booking that mentions a mild symptom stays with the bot',
    },
    {
      id: 'needs_competitor',
      rules: ['price_match'],
      unless: { competitor: true },
      reason: 'no competitor named',
    },
    {
      id: 'window',
      rules: ['price_match'],
      when: { fact: 'days_ago', gt: 14 },
      reason: 'older than 14 days',
    },
  ],
};
const pack = toEscalationPack(makePack(policy));

type Case = {
  name: string;
  turns: BotTurn[];
  tier?: string;
  toolData?: Record<string, Record<string, unknown>>;
  kind: Decision['kind'];
  team?: string;
  priority?: string;
  rule?: string;
  suppressed?: string;
};

const t = makeTurn;
const cases: Case[] = [
  { name: 'a plain question stays', turns: [t('what are your opening hours?')], kind: 'stay' },
  {
    name: 'explicit request to the default team',
    turns: [t('agent')],
    kind: 'handoff',
    team: 'support',
    priority: 'normal',
    rule: 'explicit_request',
  },
  {
    name: 'request naming a role goes to that team',
    turns: [t('can I talk to a nurse please')],
    kind: 'handoff',
    team: 'nurse',
  },
  {
    name: '"human resources" is not a request',
    turns: [t('do you have a human resources department?')],
    kind: 'stay',
  },
  {
    name: '"are you a bot?" only offers a person',
    turns: [t('are you a bot?')],
    kind: 'offer',
    rule: 'explicit_request',
  },
  {
    name: 'chest pain is an emergency',
    turns: [t('I have chest pain spreading to my left arm, can I get an appointment today?')],
    kind: 'handoff',
    team: 'nurse',
    priority: 'urgent',
    rule: 'emergency',
  },
  {
    name: 'concerning symptoms go to the nurse, high',
    turns: [t("I've had tingling in my feet for weeks and blurry vision")],
    kind: 'handoff',
    team: 'nurse',
    priority: 'high',
    rule: 'symptoms',
  },
  {
    name: 'a mild cold at booking stays (suppressed)',
    turns: [t("I'd like to book an appointment about a mild cold and cough that won't go away")],
    kind: 'stay',
    suppressed: 'symptoms',
  },
  {
    name: 'a mild cold with no booking words still counts',
    turns: [t('cold and cough that keeps coming back')],
    kind: 'handoff',
    team: 'nurse',
  },
  {
    name: 'price match without a competitor stays',
    turns: [t('do you price match?')],
    kind: 'stay',
    suppressed: 'price_match',
  },
  {
    name: 'price match with a competitor within 14 days',
    turns: [
      t('I bought headphones 5 days ago and BestMart now sells them for $40 less, can you match that?'),
    ],
    kind: 'handoff',
    team: 'care',
  },
  {
    name: '61-day-old purchase is not eligible',
    turns: [t('Walmart has the lamp I bought cheaper, can you price match it?')],
    toolData: { purchases: { '*': { item: 'lamp', days_since_purchase: 61 } } },
    kind: 'stay',
    suppressed: 'price_match',
  },
  {
    name: 'the age the customer gives counts when no tool says otherwise',
    turns: [t('I bought a lamp from Walmart... no wait, Target has it cheaper, I bought it two months ago')],
    toolData: { purchases: {} },
    kind: 'stay',
  },
  {
    name: 'delayed order from a lookup the bot made',
    turns: [
      t('where is A1?', {
        tools: [{ tool: 'order_status', key: 'A1', ok: true, result: { status: 'delayed' }, ms: 1 }],
      }),
    ],
    kind: 'handoff',
    team: 'l2',
  },
  {
    name: 'delayed order from the records when the bot did not look it up',
    turns: [t('where is A1?', { entities: [{ type: 'order_id', value: 'A1', text: 'A1' }] })],
    kind: 'handoff',
    team: 'l2',
  },
  {
    name: 'lending question to loans, normal',
    turns: [t('I want to refinance my mortgage')],
    kind: 'handoff',
    team: 'loans',
    priority: 'normal',
  },
  {
    name: 'VIP raises the priority',
    turns: [t('I want to refinance my mortgage')],
    tier: 'vip',
    kind: 'handoff',
    priority: 'high',
  },
  {
    name: 'a large amount alone only offers (impact 0.5)',
    turns: [t('the estimate is $18,000')],
    kind: 'offer',
    team: 'support',
  },
  {
    name: 'the topic team of a trusted intent',
    turns: [
      t('refi please', { intent: 'refinance', confidence: 0.9 }),
      t('actually, let me talk to a person'),
    ],
    kind: 'handoff',
    team: 'loans',
  },
  {
    name: 'a vague request takes the team of a concrete rule that also fired',
    turns: [t('my chest hurts and I feel dizzy, I need someone now')],
    kind: 'handoff',
    team: 'nurse',
    priority: 'urgent',
  },
  {
    name: 'upset customer: high priority',
    turns: [
      t('why the fee'),
      t('THIS IS RIDICULOUS, your bot is useless', {
        sentiment: { score: -1, cues: ['shouting', 'useless'] },
      }),
    ],
    kind: 'handoff',
    priority: 'high',
    rule: 'frustration',
  },
  {
    name: 'flow dead end goes to the flow team',
    turns: [
      t('still E202', {
        replyKind: 'flow',
        flow: { flow: 'fix_e202', step: 's', failedCycles: 3, maxCycles: 3, status: 'gave_up' },
      }),
    ],
    kind: 'handoff',
    team: 'l2',
    rule: 'flow_dead_end',
  },
  {
    name: 'a flow that is still trying stays',
    turns: [
      t('nope', {
        replyKind: 'flow',
        flow: { flow: 'fix_e202', step: 's', failedCycles: 2, maxCycles: 3, status: 'active' },
      }),
    ],
    kind: 'stay',
  },
  {
    name: 'a risk intent alone in a how-to question only counts half',
    turns: [
      t('how do I move an appointment to another doctor?', { intent: 'symptom_question', confidence: 0.8 }),
    ],
    kind: 'stay',
  },
  {
    name: 'a risk intent alone in a statement counts',
    turns: [t('something is off with me', { intent: 'symptom_question', confidence: 0.8 })],
    kind: 'handoff',
    team: 'nurse',
  },
  {
    name: 'a reply inside a running flow is not a new topic for the classifier alone',
    turns: [
      t('E202 when syncing', {
        replyKind: 'flow',
        flow: { flow: 'fix_e202', step: 'a', failedCycles: 0, maxCycles: 3, status: 'active' },
      }),
      t('turned that off, it still fails', {
        intent: 'symptom_question',
        confidence: 0.9,
        replyKind: 'flow',
        flow: { flow: 'fix_e202', step: 'b', failedCycles: 1, maxCycles: 3, status: 'active' },
      }),
    ],
    kind: 'stay',
  },
  {
    name: 'the handoff intent does not count in a question about staff',
    turns: [
      t('are your customer service agents based in the US?', { intent: 'human_request', confidence: 0.8 }),
    ],
    kind: 'stay',
  },
  {
    name: 'the handoff intent counts in a plain ask',
    turns: [t('get me one of your staff', { intent: 'human_request', confidence: 0.8 })],
    kind: 'handoff',
    rule: 'explicit_request',
  },
  {
    name: 'two reports in a row that the answer did not work offer a person',
    turns: [t('reset password'), t('the email never arrives'), t('checked spam, nothing there either')],
    kind: 'offer',
    rule: 'self_service_failed',
  },
  {
    name: 'one report that the answer did not work stays',
    turns: [t('reset password'), t('the email never arrives')],
    kind: 'stay',
  },
  {
    name: 'a customer the bot keeps failing goes to a person, high',
    turns: [t('how do I move a page? you keep sending me the same article')],
    kind: 'handoff',
    priority: 'high',
    rule: 'bot_failing',
  },
  {
    name: 'a bot error fails toward a person',
    turns: [t('hi', { error: 'boom', replyKind: 'fallback' })],
    kind: 'handoff',
    rule: 'bot_error',
  },
];

describe('decide', () => {
  it.each(cases)('$name', (c) => {
    const d = assessTurn(pack, {
      turns: numbered(c.turns),
      customer: { tier: c.tier ?? 'standard', attributes: {} },
      elapsedMinutes: 0,
      toolData: c.toolData,
    });
    expect(decisionSchema.parse(d)).toEqual(d);
    expect(d.kind).toBe(c.kind);
    expect(d.reasons.length).toBeGreaterThan(0);
    if (d.kind !== 'stay') {
      if (c.team) expect(d.team).toBe(c.team);
      if (c.priority) expect(d.priority).toBe(c.priority);
      if (c.rule) expect(d.rule).toBe(c.rule);
      expect(d.reasons[0]).toMatch(/^(Hand off to|Offer a person from) /);
    }
    if (c.suppressed) {
      expect(d.rules.find((r) => r.rule === c.suppressed)?.suppressed).toBeTruthy();
      expect(d.reasons.join(' ')).toMatch(/Suppressed/);
    }
  });

  it('puts the emergency flag on emergency rules only', () => {
    const emergency = assessTurn(pack, {
      turns: numbered([t("I can't breathe")]),
      customer: { tier: 'standard', attributes: {} },
      elapsedMinutes: 0,
    });
    const other = assessTurn(pack, {
      turns: numbered([t('agent')]),
      customer: { tier: 'standard', attributes: {} },
      elapsedMinutes: 0,
    });
    expect(emergency.kind === 'handoff' && emergency.emergency).toBe(true);
    expect(other.kind === 'handoff' && other.emergency).toBe(false);
  });

  it('is deterministic', () => {
    const input = {
      turns: numbered([t('THIS IS USELESS'), t('agent')]),
      customer: { tier: 'vip', attributes: {} },
      elapsedMinutes: 3,
    };
    expect(assessTurn(pack, input)).toEqual(assessTurn(pack, input));
  });

  it('the test policy has no dangling references', () => {
    expect(checkPolicy(makePack(policy))).toEqual([]);
  });
});

describe('decide: evidence details', () => {
  const pack2 = toEscalationPack(
    makePack({
      lexicon: demoLexicon('clinic'),
      topics: [{ team: 'loans', terms: ['mortgage*'] }],
      risks: [
        {
          id: 'emergency',
          label: 'Emergency',
          intents: ['symptom_question'],
          cues: [
            { all: [['~chest'], ['~pain_words']], near: 4 },
            { any: ['heart racing', 'palpitation*'], weight: 0.3 },
          ],
        },
      ],
      rules: [
        {
          id: 'emergency',
          label: 'Emergency',
          when: { signal: 'risk:emergency', min: 0.6 },
          impact: 1,
          team: 'nurse',
        },
      ],
    }),
  );
  const assess = (turns: BotTurn[]) =>
    assessTurn(pack2, {
      turns: numbered(turns),
      customer: { tier: 'standard', attributes: {} },
      elapsedMinutes: 0,
    });

  it.each<[string, BotTurn[], Decision['kind'], string?]>([
    [
      'a trusted intent counts alone',
      [t('hmm', { intent: 'symptom_question', confidence: 0.9 })],
      'handoff',
      'nurse',
    ],
    ['an unsure intent alone does not', [t('hmm', { intent: 'symptom_question', confidence: 0.3 })], 'stay'],
    ['a word of evidence alone does not', [t('my heart keeps racing')], 'stay'],
    [
      'an unsure intent with a word of evidence does',
      [t('my heart keeps racing', { intent: 'symptom_question', confidence: 0.3 })],
      'handoff',
      'nurse',
    ],
    [
      'an unsure intent inside a running flow does not',
      [
        t('my heart keeps racing', {
          intent: 'symptom_question',
          confidence: 0.3,
          replyKind: 'flow',
          flow: { flow: 'fix_e202', step: 's', failedCycles: 0, maxCycles: 3, status: 'active' },
        }),
      ],
      'stay',
    ],
    [
      'the customer denying the symptom cancels the intent',
      [t("I don't have chest pain, I just want a checkup", { intent: 'symptom_question', confidence: 1 })],
      'stay',
    ],
    [
      'a topic concept picks the team of a vague request',
      [t('I need to talk to someone about my mortgage')],
      'handoff',
      'loans',
    ],
  ])('%s', (_name, turns, kind, team) => {
    const d = assess(turns);
    expect(d.kind).toBe(kind);
    if (team && d.kind !== 'stay') expect(d.team).toBe(team);
  });

  it('a customer who replied maxCycles times inside a flow reaches a dead end', () => {
    const inFlow = (failedCycles: number) =>
      t('did nothing', {
        replyKind: 'flow',
        flow: { flow: 'fix_e202', step: 's', failedCycles, maxCycles: 3, status: 'active' },
      });
    expect(assess([inFlow(0), inFlow(0), inFlow(1)]).kind).toBe('stay');
    expect(assess([inFlow(0), inFlow(0), inFlow(1), inFlow(1)])).toMatchObject({
      kind: 'handoff',
      team: 'l2',
      rule: 'flow_dead_end',
    });
  });

  it('asking again with a re-ask word offers a person', () => {
    const d = assess([t('why is my transfer pending?'), t("it's still pending, why?")]);
    expect(d).toMatchObject({ kind: 'offer', rule: 'repetition' });
  });
});
