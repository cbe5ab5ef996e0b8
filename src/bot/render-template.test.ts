import { describe, expect, it } from 'vitest';
import { chooseAnswerCase, conditionHolds } from './choose-answer-case.ts';
import { pickVariant, renderTemplate } from './render-template.ts';

const context = {
  entity: { order_id: 'A1001', money: '40' },
  tool: {
    orders: { status: 'shipped', eta: '2026-11-25', days: 5, nested: { x: 1 } },
    balance: { amount: 2410.5 },
  },
  customer: { name: 'Ada', tier: 'gold' },
  messages: { emergency: 'Call 911.' },
};

describe('renderTemplate', () => {
  it.each([
    ['Order {{entity.order_id}} is {{tool.orders.status}}.', 'Order A1001 is shipped.'],
    ['ETA {{ tool.orders.eta }}', 'ETA 2026-11-25'],
    ['You have {{tool.balance.amount | money}} USD', 'You have 2,410.50 USD'],
    ['Hi {{customer.name}}, {{messages.emergency}}', 'Hi Ada, Call 911.'],
    ['Missing: {{tool.orders.nope}} done', 'Missing: done'],
    ['{{entity.order_id | lower}}', 'a1001'],
  ])('%s', (template, expected) => {
    expect(renderTemplate(template, context)).toBe(expected);
  });

  it('picks a variant by seed, the same every time', () => {
    expect(pickVariant(['a', 'b', 'c'], 4)).toBe('b');
    expect(renderTemplate(['x {{entity.money}}', 'y'], context, 2)).toBe('x 40');
  });
});

describe('chooseAnswerCase', () => {
  it.each([
    [{ field: 'tool.orders.status', equals: 'SHIPPED' }, true],
    [{ field: 'tool.orders.status', in: ['lost', 'delayed'] }, false],
    [{ field: 'tool.orders.days', lte: 14 }, true],
    [{ field: 'tool.orders.days', gt: 14 }, false],
    [{ field: 'entity.money', gte: 40 }, true],
    [{ field: 'entity.competitor', exists: true }, false],
    [{ field: 'entity.competitor', exists: false }, true],
    [{ field: 'tool.orders.status', lt: 3 }, false],
  ])('%j -> %s', (condition, holds) => {
    expect(conditionHolds(condition, context)).toBe(holds);
  });

  it('returns the first case whose conditions all hold', () => {
    const cases = [
      { id: 'late', when: [{ field: 'tool.orders.days', gt: 14 }], say: 'late', tags: [] },
      { id: 'named', when: [{ field: 'entity.competitor', exists: true }], say: 'named', tags: [] },
      { id: 'any', when: [], say: 'any', tags: ['x'] },
    ];
    expect(chooseAnswerCase(cases, context)?.id).toBe('any');
    expect(chooseAnswerCase(cases.slice(0, 2), context)).toBeNull();
  });
});
