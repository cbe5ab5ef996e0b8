import { describe, expect, it } from 'vitest';
import { maskForRole, maskPersonalData, seesMasked } from './mask-for-role.ts';

const card = '4111 1111 1111 1111';
const ssn = '123-45-6789';

describe('seesMasked', () => {
  it.each([
    ['agent', true],
    ['supervisor', false],
    ['admin', false],
    ['', true],
    ['compliance', true],
  ])('%s: %s', (role, masked) => {
    expect(seesMasked(role)).toBe(masked);
  });
});

describe('maskPersonalData', () => {
  it.each<{ name: string; value: unknown; out: unknown }>([
    { name: 'a plain string', value: `card ${card}`, out: 'card [card ****1111]' },
    { name: 'an SSN', value: `ssn ${ssn}`, out: 'ssn [ssn ***-**-6789]' },
    { name: 'text without personal data', value: 'where is my order 1234?', out: 'where is my order 1234?' },
    { name: 'a card as a number', value: { n: 4111111111111111 }, out: { n: '[card ****1111]' } },
    { name: 'a value under a secret key', value: { dob: '1990-01-02' }, out: { dob: '[secret dob]' } },
    {
      name: 'deep in objects and arrays',
      value: { a: [{ b: { c: `x ${ssn}` } }], d: null, e: true, f: 3 },
      out: { a: [{ b: { c: 'x [ssn ***-**-6789]' } }], d: null, e: true, f: 3 },
    },
    { name: 'keys are kept', value: { [card]: 1 }, out: { [card]: 1 } },
    {
      name: 'emails and phones stay (agents need them to reply)',
      value: 'ana@example.com (555) 123-4567',
      out: 'ana@example.com (555) 123-4567',
    },
    {
      name: 'ids and times stay',
      value: { id: 'msg_4111111111111111', at: '2026-03-01T10:00:00.000Z' },
      out: { id: 'msg_4111111111111111', at: '2026-03-01T10:00:00.000Z' },
    },
  ])('masks $name', ({ value, out }) => {
    expect(maskPersonalData(value)).toEqual(out);
  });

  it('changes nothing on what it already masked', () => {
    const once = maskPersonalData({ text: `${card} ${ssn}`, ssn, note: { password: 'hunter22' } });
    expect(maskPersonalData(once)).toEqual(once);
  });

  it('leaves its input untouched', () => {
    const input = { text: card };
    maskPersonalData(input);
    expect(input.text).toBe(card);
  });
});

describe('maskForRole', () => {
  it('masks for agents and leaves supervisors and admins the clear value', () => {
    const body = { customer: { attributes: { note: card } } };
    expect(maskForRole(body, 'agent')).toEqual({ customer: { attributes: { note: '[card ****1111]' } } });
    expect(maskForRole(body, 'supervisor')).toBe(body);
    expect(maskForRole(body, 'admin')).toBe(body);
  });
});
