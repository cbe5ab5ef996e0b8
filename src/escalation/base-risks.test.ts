import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../protocol/policy.ts';
import { assessTurn } from './assess-turn.ts';
import { baseRiskRules, baseRisks } from './base-policy.ts';
import type { PackLike } from './escalation-pack.ts';
import { makePack, makeTurn } from './fixtures/make-turn.ts';

/** A business the engine knows nothing about: tagged intents, five teams, and (unless given) no policy. */
function utility(policy: PolicyInput = {}): PackLike {
  return {
    ...makePack(policy, 'utility'),
    intents: [
      { id: 'faq', tags: [] },
      { id: 'gas_leak', team: 'emergency', tags: ['risk:emergency', 'urgent'] },
      { id: 'account_security', team: 'security', tags: ['risk:fraud'] },
      { id: 'payment_plan', team: 'assistance', tags: ['risk:hardship', 'complex'] },
      { id: 'explain_bill', team: 'billing', tags: ['billing'] },
    ],
    teams: [
      { id: 'care', default: true },
      { id: 'emergency' },
      { id: 'security' },
      { id: 'assistance' },
      { id: 'billing' },
    ],
  };
}

const decideOn = (text: string, policy?: PolicyInput) => {
  const d = assessTurn(utility(policy), {
    turns: [makeTurn(text, { intent: null, confidence: 0.1, outOfScope: true, replyKind: 'fallback' })],
    customer: { tier: 'standard', attributes: {} },
    elapsedMinutes: 0,
  });
  return d.kind === 'stay' ? 'stay' : `${d.kind} ${d.team} ${d.priority} (${d.rule})`;
};

describe('the generic layer, for a pack without a policy', () => {
  it.each([
    [
      'the bot did not understand: a fire',
      'there are sparks and smoke coming out of the meter box',
      'handoff emergency urgent (safety)',
    ],
    [
      'someone else in the account',
      'someone logged into my account and changed my password, it was not me',
      'handoff security urgent (fraud)',
    ],
    ['a legal threat', 'if this is not fixed I will take legal action', 'handoff care high (legal)'],
    [
      'a formal complaint',
      'I want to file a formal complaint about the engineer',
      'handoff care high (complaint)',
    ],
    [
      'a bill charged twice',
      'you charged me twice for the same bill this month',
      'handoff billing normal (billing_error)',
    ],
    ['hardship', "I lost my job and can't pay this month", 'handoff assistance normal (hardship)'],
    ['a routine question', 'what time do you open on saturday?', 'stay'],
  ])('%s', (_name, text, expected) => {
    expect(decideOn(text)).toBe(expected);
  });

  it("stands aside where the pack's own policy reads the same language", () => {
    const own: PolicyInput = {
      risks: [{ id: 'court', label: 'Court', cues: [{ any: ['~legal_threat'], weight: 0.3 }] }],
    };
    expect(decideOn('if this is not fixed I will take legal action', own)).toBe('stay');
  });

  it("stands aside when one of the pack's own rules judges the turn", () => {
    const own: PolicyInput = {
      risks: [{ id: 'meter', label: 'Meter', cues: [{ any: ['meter box'] }] }],
      rules: [
        { id: 'meter', label: 'Meter', when: { signal: 'risk:meter', min: 0.6 }, impact: 1, team: 'billing' },
      ],
    };
    expect(decideOn('there are sparks and smoke coming out of the meter box', own)).toBe(
      'handoff billing normal (meter)',
    );
  });

  it('is dropped with base: false', () => {
    expect(decideOn('if this is not fixed I will take legal action', { base: false })).toBe('stay');
  });
});

describe('the base risks and their rules', () => {
  it('pair up by id: each rule reads its own risk', () => {
    expect(baseRiskRules.map((r) => [r.id, r.when])).toEqual(
      baseRisks.map((r) => [r.id, { signal: `risk:${r.id}`, min: 0.6 }]),
    );
  });
});

describe('the generic layer: false alarms it stops, teams it picks, the bot failing twice', () => {
  const customer = { tier: 'standard' as const, attributes: {} };
  const on = (pack: PackLike, turns: ReturnType<typeof makeTurn>[]) => {
    const d = assessTurn(pack, {
      turns: turns.map((t, i) => ({ ...t, turn: i + 1 })),
      customer,
      elapsedMinutes: 0,
    });
    return d.kind === 'stay' ? 'stay' : `${d.kind} ${d.team} ${d.priority} (${d.rule})`;
  };
  const phishing = (text: string) =>
    on(utility(), [makeTurn(text, { intent: 'account_security', confidence: 0.95 })]);

  it('a suspicious message the customer did not act on stays; one they acted on hands off', () => {
    expect(phishing('I got a weird text pretending to be you, I deleted it, just letting you know')).toBe(
      'stay',
    );
    expect(phishing('is this email about a free meal real? I havent clicked it')).toBe('stay');
    expect(phishing('I got a text pretending to be you and clicked the link and entered my card')).toMatch(
      /^handoff security/,
    );
  });

  it('activity the customer confirms as theirs stays', () => {
    expect(on(utility(), [makeTurn('I got a login alert but it was me on my new phone')])).toBe('stay');
    expect(on(utility(), [makeTurn('I got a login alert and it was not me')])).toMatch(
      /^handoff security urgent/,
    );
  });

  it('a tag carried by several intents takes the team of the one ranked first for the message', () => {
    const pack: PackLike = {
      ...utility(),
      intents: [
        { id: 'courier_complaint', team: 'emergency', tags: ['complaint'] },
        { id: 'service_complaint', team: 'billing', tags: ['complaint'] },
      ],
    };
    const turn = makeTurn('I want to file a formal complaint about your service', {
      intent: null,
      confidence: 0.3,
      ranking: [
        { intent: 'service_complaint', score: 0.3 },
        { intent: 'courier_complaint', score: 0.2 },
      ],
    });
    expect(on(pack, [turn])).toBe('handoff billing high (complaint)');
  });

  it('two reports that the bot is not helping offer a person, even with another message between', () => {
    const pack: PackLike = {
      ...utility(),
      intents: [...utility().intents, { id: 'not_helping', tags: ['frustration'] }],
    };
    const notHelping = (text: string) => makeTurn(text, { intent: 'not_helping', confidence: 0.9 });
    const faq = (text: string) => makeTurn(text, { intent: 'faq', confidence: 0.9 });
    expect(on(pack, [faq('where is my refund'), notHelping('no that is not it')])).toBe('stay');
    expect(
      on(pack, [
        faq('where is my refund'),
        notHelping('no that is not it'),
        faq('ok'),
        notHelping('still no'),
      ]),
    ).toMatch(/^offer care normal \(self_service_failed\)/);
  });
});
