import { describe, expect, it } from 'vitest';
import { minimalPackYaml } from '../bot/minimal-pack.fixture.ts';
import { PackError } from '../bot/pack-error.ts';
import { parsePack } from '../bot/parse-pack.ts';
import { checkPolicy, policyChecks } from './check-policy.ts';
import { closestName } from './closest-name.ts';
import { makePack } from './fixtures/make-turn.ts';

const rule = (extra: Record<string, unknown>) => ({
  id: 'r',
  label: 'R',
  when: { signal: 'explicit_request' },
  impact: 1,
  ...extra,
});

describe('checkPolicy', () => {
  it.each([
    [
      { rules: [rule({ team: 'nures' })] },
      'policy.rules.0.team',
      'unknown team "nures" (did you mean "nurse"?)',
    ],
    [{ rules: [rule({ team: 'kitchen' })] }, 'policy.rules.0.team', 'unknown team "kitchen"'],
    [
      { risks: [{ id: 'x', label: 'X', intents: ['refinanse'] }] },
      'policy.risks.0.intents.0',
      'unknown intent "refinanse" (did you mean "refinance"?)',
    ],
    [
      { risks: [{ id: 'x', label: 'X', cues: [{ any: ['~frustrashun'] }] }] },
      'policy.risks.0.cues.0.any.0',
      'unknown concept set "~frustrashun" (did you mean "~frustration"?)',
    ],
    [
      { suppress: [{ id: 's', rules: ['explicit_requst'], when: { tier: ['vip'] }, reason: 'x' }] },
      'policy.suppress.0.rules.0',
      'unknown rule "explicit_requst" (did you mean "explicit_request"?)',
    ],
    [
      { rules: [rule({ when: { all: [{ signal: 'negative_sentimnet' }] } })] },
      'policy.rules.0.when.all.0.signal',
      'unknown signal "negative_sentimnet" (did you mean "negative_sentiment"?)',
    ],
    [
      { business: [{ id: 'b', label: 'B', when: { tool: 'order_stats', field: 'status', equals: 'lost' } }] },
      'policy.business.0.when.tool',
      'unknown tool "order_stats" (did you mean "order_status"?)',
    ],
    [
      { rules: [rule({ when: { not: { entity: ['order_idd'] } } })] },
      'policy.rules.0.when.not.entity.0',
      'unknown entity type "order_idd" (did you mean "order_id"?)',
    ],
    [
      { detectors: { explicitRequest: { roles: { nurse: 'nurses' } } } },
      'policy.detectors.explicitRequest.roles.nurse',
      'unknown team "nurses" (did you mean "nurse"?)',
    ],
    [{ lexicon: { mine: ['~nope'] } }, 'policy.lexicon.mine.0', 'unknown concept set "~nope"'],
    [
      { topics: [{ team: 'lons', terms: ['loan'] }] },
      'policy.topics.0.team',
      'unknown team "lons" (did you mean "loans"?)',
    ],
    [
      {
        business: [{ id: 'b', label: 'B', when: { tool: 'order_status', field: 'stauts', equals: 'lost' } }],
      },
      'policy.business.0.when.field',
      'unknown field of tool "order_status" "stauts" (did you mean "status"?)',
    ],
    [
      {
        business: [
          {
            id: 'b',
            label: 'B',
            when: { fact: 'amount', gt: { ref: 'tool.purchases.usual_amont', times: 2 } },
          },
        ],
      },
      'policy.business.0.when.gt.ref',
      'unknown field of tool "purchases" "usual_amont"',
    ],
    [
      { business: [{ id: 'b', label: 'B', when: { fact: 'amount', gte: { ref: 'fact.ammount' } } }] },
      'policy.business.0.when.gte.ref',
      'unknown fact "ammount" (did you mean "amount"?)',
    ],
  ])('%# finds the typo', (policy, path, message) => {
    expect(
      checkPolicy(makePack(policy)).map((p) => ({ path: p.path.join('.'), message: p.message })),
    ).toEqual([{ path, message }]);
  });

  it('accepts references to risks, business rules, the pack lexicon and the generic sets', () => {
    const policy = {
      lexicon: { mine: ['box*', '~frustration'] },
      risks: [{ id: 'boxes', label: 'Boxes', cues: [{ any: ['~mine'] }] }],
      business: [{ id: 'big', label: 'Big', when: { fact: 'amount', gt: 10 } }],
      rules: [rule({ when: { any: [{ signal: 'risk:boxes' }, { signal: 'business:big' }] }, team: 'topic' })],
      suppress: [{ id: 's', rules: ['r', 'frustration'], when: { tier: ['vip'] }, reason: 'x' }],
    };
    expect(checkPolicy(makePack(policy))).toEqual([]);
  });
});

describe('a pack with a policy typo', () => {
  it('is refused at load with the file, the path, the line and a hint', () => {
    const text = `${minimalPackYaml}policy:\n  rules:\n    - id: lost\n      label: Lost order\n      when: { signal: explicit_request }\n      impact: 1\n      team: order\n`;
    const error = (() => {
      try {
        parsePack(text, 'shop.yaml', { checks: policyChecks });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toMatch(
      /shop\.yaml: invalid pack\n {2}policy\.rules\[0\]\.team \(line \d+\): unknown team "order" \(did you mean "orders"\?\)/,
    );
  });
});

describe('closestName', () => {
  it.each([
    ['ordres', ['orders', 'billing'], 'orders'],
    ['billing', ['orders', 'billings'], 'billings'],
    ['x', ['y', 'z'], null],
    ['kitchen', ['orders', 'billing'], null],
  ])('%s -> %s', (name, known, expected) => {
    expect(closestName(name, known)).toBe(expected);
  });
});
