import { describe, expect, it } from 'vitest';
import { compileEntities, extractEntities } from './extract-entities.ts';

const pairs = (text: string, matchers = compileEntities()) =>
  extractEntities(text, matchers).map((e) => `${e.type}=${e.value}`);

describe('compileEntities (lookup keys first)', () => {
  it("reads a token as the pack's lookup key before another built-in type", () => {
    expect(pairs('any update on E2020?')).toEqual(['error_code=E2020']);
    expect(pairs('any update on E2020?', compileEntities([], ['order_id']))).toEqual(['order_id=E2020']);
  });
});

describe('extractEntities (built-in types)', () => {
  it.each([
    ['the repair estimate is $18,000', ['money=18000']],
    ['it could be around 30k', ['money=30000']],
    ['you took 35 dollars from me', ['money=35']],
    ['they sell it for $40 less', ['money=40']],
    ['the balance is 2,410.55 USD', ['money=2410.55']],
    ['a 1.5 million dollar home', ['money=1500000']],
    ['where is my order A1001?', ['order_id=A1001']],
    ['order number 5531209 never came', ['order_id=5531209']],
    ['tracking for #B7781 stopped', ['order_id=B7781']],
    ['status of claim CL-2231 please', ['claim_id=CL-2231']],
    ['my claim cl2231', ['claim_id=CL-2231']],
    ["I'm getting error E202 when I sync", ['error_code=E202']],
    ['E101 on startup', ['error_code=E101']],
    ['mail me at Jo.Smith+x@example.co.uk', ['email=jo.smith+x@example.co.uk']],
    ['call me on (555) 123-4567', ['phone=5551234567']],
    ['my number is +1 555 123 4567', ['phone=+15551234567']],
    ['card 4111 1111 1111 1111 was charged', ['card_number=****1111']],
    ['can we do 2026-11-25?', ['date=2026-11-25']],
    ['move it from thursday to friday', ['date=thursday', 'date=friday']],
    ['any tuesday morning works', ['date=tuesday', 'time=morning']],
    ['I need it for next month', ['date=next month']],
    ['come in at 9:30am tomorrow', ['time=9:30am', 'date=tomorrow']],
    ['it has been under review for 3 months', ['duration=P3M']],
    ['I have a deadline in 2 hours', ['duration=PT2H']],
    ['bought it two months ago', ['duration=P2M']],
    ['my 16 year old son', []],
    ['is there an HR department', []],
    ['it took 45min', ['duration=PT45M']],
    ['mornings are best', ['time=morning']],
    ['hello, nothing special here', []],
  ])('%s', (text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it('keeps the matched text', () => {
    expect(extractEntities('about $18,000 total')).toEqual([
      { type: 'money', value: '18000', text: '$18,000' },
    ]);
  });

  it('does not read a credit score or a day count as money', () => {
    expect(pairs('with a 680 credit score, 10 days late')).toEqual(['duration=P10D']);
  });
});

describe('extractEntities (pack entities)', () => {
  const matchers = compileEntities([
    { id: 'competitor', patterns: [], values: [{ value: 'BestMart', synonyms: ['best mart'] }, 'TechWorld'] },
    { id: 'policy_number', patterns: ['\\b(POL-\\d{6})\\b'], values: [] },
    { id: 'order_id', patterns: ['\\bWEB(\\d{5})\\b'], values: [] },
  ]);

  it.each([
    ['Best Mart has it cheaper', ['competitor=BestMart']],
    ['techworld sells it for $40', ['competitor=TechWorld', 'money=40']],
    ['my policy is POL-123456', ['policy_number=POL-123456']],
    ['order WEB12345 is late', ['order_id=12345']],
    ['order A1001 is late', []],
  ])('%s', (text, expected) => {
    expect(pairs(text, matchers)).toEqual(expected);
  });
});
