import { describe, expect, it } from 'vitest';
import { contextPackageSchema } from '../protocol/context-package.ts';
import { type BuildContextInput, buildContextPackage } from './build-context-package.ts';
import { e202Input, refinanceInput } from './handoff-fixtures.ts';

type Expected = {
  topic: string | null;
  wants: string;
  entities: string[];
  tried: { what: string; result: string; detail?: string }[];
  outcome: string;
  nextRule: string;
  next: string;
  trend: string;
  transcript: number;
};

const cases: { name: string; input: () => BuildContextInput; expected: Expected }[] = [
  {
    name: 'bank refinance with a request for a loan officer',
    input: refinanceInput,
    expected: {
      topic: 'mortgage_refinance',
      wants:
        'Wants help with mortgage refinance: "I want to refinance my mortgage. I still owe $320,000 and my rate is 6.8%". Gave card ****1111, amount $320,000.',
      entities: ['card_number=****1111', 'money=320000'],
      tried: [{ what: 'Answered "Mortgage refinance" from the pack', result: 'answered' }],
      outcome:
        'Rule topic_needs_person handed off to Lending: Mortgages and refinancing are handled by a loan officer.',
      nextRule: 'topic',
      next: 'Mortgage refinance (card ****1111, amount $320,000): review the customer',
      trend: 'steady',
      transcript: 6,
    },
  },
  {
    name: 'E202 troubleshooting dead end',
    input: e202Input,
    expected: {
      topic: 'no_internet',
      wants:
        'Wants help with no internet: "My router shows error E202 and the internet is down". Gave error code E202.',
      entities: ['error_code=E202'],
      tried: [
        { what: 'Looked up line status', result: 'found', detail: 'line: up, outage: false' },
        {
          what: 'Ran the Router E202 flow (steps: restart_router, check_cables, factory_reset)',
          result: 'gave_up',
          detail: '3 of 3 cycles failed',
        },
      ],
      outcome:
        'The Router E202 flow gave up after 3 of 3 failed cycles at step factory_reset. Rule flow_gave_up handed off to Technical Support: Troubleshooting did not fix the problem after 3 tries.',
      nextRule: 'flow_gave_up',
      next: 'The customer is upset: acknowledge it first. The Router E202 flow failed after 3 attempts (tried: restart_router, check_cables, factory_reset): do not repeat these steps',
      trend: 'worsening',
      transcript: 8,
    },
  },
];

describe('buildContextPackage', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    const pkg = buildContextPackage(input());
    expect(() => contextPackageSchema.parse(pkg)).not.toThrow();
    expect(pkg.summary.topic?.intent ?? null).toBe(expected.topic);
    expect(pkg.summary.customerWants).toBe(expected.wants);
    expect(pkg.summary.entities.map((e) => `${e.type}=${e.value}`)).toEqual(expected.entities);
    expect(
      pkg.summary.botTried.map(({ what, result, detail }) => ({ what, result, ...(detail && { detail }) })),
    ).toEqual(expected.tried);
    expect(pkg.summary.outcome).toBe(expected.outcome);
    expect(pkg.nextStep.rule).toBe(expected.nextRule);
    expect(pkg.nextStep.text.startsWith(expected.next)).toBe(true);
    expect(pkg.sentiment.trend).toBe(expected.trend);
    expect(pkg.transcript).toHaveLength(expected.transcript);
  });

  it('leaves internal notes out of the transcript and keeps the log order', () => {
    const input = refinanceInput();
    const pkg = buildContextPackage({ ...input, messages: [...input.messages].reverse() });
    expect(pkg.transcript.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pkg.transcript.some((m) => m.text.includes('internal'))).toBe(false);
  });

  it('carries the decision with team name, positive signals strongest first, and the deciding turn', () => {
    const pkg = buildContextPackage(refinanceInput());
    expect(pkg.decision).toMatchObject({ team: 'loans', teamName: 'Lending', mode: 'warm', turn: 3 });
    expect(pkg.decision.signals.map((s) => s.detector)).toEqual(['explicit_request', 'topic']);
  });

  it('is pure: the same input gives the same package, and the time comes from the input', () => {
    const a = buildContextPackage(e202Input());
    const b = buildContextPackage(e202Input());
    expect(a).toEqual(b);
    expect(a.createdAt).toBe('2026-03-01T10:09:00.000Z');
  });

  it('skips unreadable stored turns instead of failing', () => {
    const input = refinanceInput();
    const pkg = buildContextPackage({
      ...input,
      turns: [...input.turns, { turn: 9, botTurn: { nonsense: true } }],
    });
    expect(pkg.sentiment.points).toHaveLength(3);
  });

  it('says so when the bot never understood the request', () => {
    const input = refinanceInput();
    const pkg = buildContextPackage({
      ...input,
      turns: [
        { turn: 1, botTurn: { ...(input.turns[0]!.botTurn as object), intent: null, replyKind: 'fallback' } },
        {
          turn: 2,
          botTurn: {
            ...(input.turns[0]!.botTurn as object),
            turn: 2,
            text: 'blorp',
            intent: null,
            replyKind: 'fallback',
          },
        },
      ],
    });
    expect(pkg.summary.topic).toBeNull();
    expect(pkg.summary.customerWants).toBe(
      'The bot could not tell what the customer wants; they last said: "blorp".',
    );
    expect(pkg.summary.botTried).toEqual([
      { kind: 'fallback', what: 'Did not understand 2 messages', result: 'not_understood', turns: [1, 2] },
    ]);
    expect(pkg.nextStep.rule).toBe('unknown_request');
  });
});

describe('buildContextPackage at a transfer', () => {
  it('leads the outcome and the next step with the transfer note, keeping what the bot tried', () => {
    const transfer = {
      fromTeam: 'tech',
      fromTeamName: 'Tech Support',
      by: 'Sam',
      note: 'Router fixed; the customer now wants a refund for the outage days.',
      at: '2026-03-01T10:10:00.000Z',
    };
    const plain = buildContextPackage(e202Input());
    const moved = buildContextPackage({ ...e202Input(), transfer });
    expect(contextPackageSchema.safeParse(moved).success).toBe(true);
    expect(moved.transfer).toEqual(transfer);
    expect(plain.transfer).toBeUndefined();
    expect(moved.summary.outcome).toContain('Sam transferred it from Tech Support to');
    expect(moved.summary.outcome).toContain('refund for the outage days.');
    expect(moved.nextStep.rule).toBe('transfer_note');
    expect(moved.nextStep.text).toMatch(/^Sam transferred this from Tech Support: "Router fixed;/);
    expect(moved.nextStep.text).toContain(plain.nextStep.text);
    expect(moved.summary.botTried).toEqual(plain.summary.botTried);
  });
});
