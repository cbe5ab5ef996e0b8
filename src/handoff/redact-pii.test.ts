import { describe, expect, it } from 'vitest';
import { contextPackageSchema, type RedactionConfigInput } from '../protocol/context-package.ts';
import { buildContextPackage } from './build-context-package.ts';
import { refinanceInput } from './handoff-fixtures.ts';
import { luhnValid, parsePath, redactForLog, redactPackage, redactPii } from './redact-pii.ts';

const all: RedactionConfigInput = { emails: true, phones: true };

const textCases: {
  name: string;
  text: string;
  config?: RedactionConfigInput;
  out: string;
  types?: string[];
}[] = [
  {
    name: 'Luhn-valid card, spaces',
    text: 'card 4111 1111 1111 1111 ok',
    out: 'card [card ****1111] ok',
    types: ['card'],
  },
  { name: 'Luhn-valid card, dashes', text: '5500-0000-0000-0004', out: '[card ****0004]', types: ['card'] },
  { name: 'Luhn-valid card, plain', text: 'pay with 4012888888881881.', out: 'pay with [card ****1881].' },
  { name: '15-digit Amex', text: 'amex 3782 822463 10005', out: 'amex [card ****0005]' },
  { name: '13-digit Visa', text: '4222222222222', out: '[card ****2222]' },
  { name: 'Luhn-invalid 16 digits kept', text: '4111 1111 1111 1112', out: '4111 1111 1111 1112', types: [] },
  {
    name: 'a decimal number kept (a duration, not a card)',
    text: 'responseTime 23.4111111111111111 and 4111111111111111.5',
    out: 'responseTime 23.4111111111111111 and 4111111111111111.5',
    types: [],
  },
  { name: '12 digits kept', text: '411111111111', out: '411111111111', types: [] },
  { name: '20-digit id kept', text: 'ref 41111111111111111110', out: 'ref 41111111111111111110', types: [] },
  {
    name: 'card after a date',
    text: 'on 2026-03-01 4111 1111 1111 1111',
    out: 'on 2026-03-01 [card ****1111]',
  },
  {
    name: 'card cannot hide in a word',
    text: 'ID X4111111111111111',
    out: 'ID X4111111111111111',
    types: [],
  },
  { name: 'SSN', text: 'my ssn is 123-45-6789', out: 'my ssn is [ssn ***-**-6789]', types: ['ssn'] },
  {
    name: 'impossible SSN kept',
    text: '000-12-3456 and 666-12-3456',
    out: '000-12-3456 and 666-12-3456',
    types: [],
  },
  { name: 'SSN off', text: '123-45-6789', config: { ssn: false }, out: '123-45-6789', types: [] },
  { name: 'email off by default', text: 'mail ana@example.com', out: 'mail ana@example.com', types: [] },
  {
    name: 'email on',
    text: 'mail Ana.S@example.com',
    config: all,
    out: 'mail [email ***@example.com]',
    types: ['email'],
  },
  { name: 'phone off by default', text: 'call (555) 123-4567', out: 'call (555) 123-4567', types: [] },
  {
    name: 'US phone on',
    text: 'call (555) 123-4567',
    config: all,
    out: 'call [phone ****4567]',
    types: ['phone'],
  },
  {
    name: 'toll-free phone on',
    text: 'dial 1-800-555-0199 now',
    config: all,
    out: 'dial [phone ****0199] now',
  },
  {
    name: 'international phone on',
    text: 'ring +44 20 7946 0958',
    config: all,
    out: 'ring [phone ****0958]',
  },
  {
    name: 'allow list keeps the company number',
    text: 'dial 1-800-555-0199',
    config: { ...all, allow: ['1-800-555-0199'] },
    out: 'dial 1-800-555-0199',
    types: [],
  },
  {
    name: 'configured national id',
    text: 'NI number QQ123456C please',
    config: { nationalIds: [{ name: 'uk_nino', pattern: String.raw`\b[A-Z]{2}\d{6}[A-D]\b`, keepLast: 2 }] },
    out: 'NI number [uk_nino ****6C] please',
    types: ['national_id'],
  },
  {
    name: 'ordinary support data untouched',
    text: 'Order A1234 of $18,000 on 2026-12-03, error E202, claim CL-55012, routing 021000555',
    config: all,
    out: 'Order A1234 of $18,000 on 2026-12-03, error E202, claim CL-55012, routing 021000555',
    types: [],
  },
];

describe('redactPii on text', () => {
  it.each(textCases)('$name', ({ text, config, out, types }) => {
    const result = redactPii(text, config);
    expect(result.value).toBe(out);
    if (types) expect(result.findings.map((f) => f.type)).toEqual(types);
  });

  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['', false],
  ])('luhnValid(%s) = %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});

describe('redactPii on nested JSON', () => {
  const value = {
    messages: [
      { text: 'card 4111 1111 1111 1111' },
      { text: 'again 4111-1111-1111-1111, new 5500 0000 0000 0004' },
    ],
    record: { number: 4012888888881881, holder: { email: 'bo@example.com', password: 'hunter2' } },
    'home phone': '555 123 4567',
    count: 3,
    ok: true,
    none: null,
  };

  it('masks strings and numbers at any depth, with paths and stable tokens', () => {
    const { value: out, findings, secrets } = redactPii(value, all);
    expect(out).toEqual({
      messages: [{ text: 'card [card ****1111]' }, { text: 'again [card ****1111], new [card ****0004]' }],
      record: {
        number: '[card ****1881]',
        holder: { email: '[email ***@example.com]', password: '[secret password]' },
      },
      'home phone': '[phone ****4567]',
      count: 3,
      ok: true,
      none: null,
    });
    expect(findings.map((f) => `${f.token}@${f.path}`)).toEqual([
      'card-1@messages[0].text',
      'card-1@messages[1].text',
      'card-2@messages[1].text',
      'card-3@record.number',
      'email-1@record.holder.email',
      'secret-1@record.holder.password',
      'phone-1@["home phone"]',
    ]);
    expect(secrets['card-1']).toEqual({ type: 'card', value: '4111 1111 1111 1111' });
    expect(secrets['secret-1']).toEqual({ type: 'secret', value: 'hunter2' });
    expect(redactPii(value, all)).toEqual(redactPii(value, all));
    expect(value.record.number).toBe(4012888888881881);
  });

  it('masks the whole value under a secret key unless one typed mask covers it', () => {
    const { value: out, secrets } = redactPii({
      password: 'pw 4111111111111111',
      ssn: '123-45-6789',
      dob: 19800101,
    });
    expect(out).toEqual({ password: '[secret password]', ssn: '[ssn ***-**-6789]', dob: '[secret dob]' });
    expect(Object.keys(secrets)).toEqual(['secret-1', 'ssn-1', 'secret-2']);
  });

  it('changes nothing on what it already masked, under secret keys too', () => {
    const once = redactPii({ ssn: '123-45-6789', dob: '1980-01-01', note: 'mail a@b.co' }, all).value;
    expect(once).toEqual({ ssn: '[ssn ***-**-6789]', dob: '[secret dob]', note: 'mail [email ***@b.co]' });
    expect(redactPii(once, all)).toEqual({ value: once, findings: [], secrets: {} });
  });

  it('parses finding paths back', () => {
    expect(parsePath('messages[1].text')).toEqual(['messages', 1, 'text']);
    expect(parsePath('["home phone"]')).toEqual(['home phone']);
    expect(parsePath('customer.attributes["a.b"][0]')).toEqual(['customer', 'attributes', 'a.b', 0]);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { text: '123-45-6789' };
    a.self = a;
    expect(redactPii(a).value).toEqual({ text: '[ssn ***-**-6789]', self: '[circular]' });
  });
});

describe('redactPackage', () => {
  it('masks transcript, summary, entities and profile; lists every redaction; keeps the contract', () => {
    const pkg = buildContextPackage(refinanceInput());
    const { package: out, secrets } = redactPackage(pkg, { emails: true, phones: true });
    expect(() => contextPackageSchema.parse(out)).not.toThrow();
    expect(out.transcript[4]!.text).toBe(
      'Can I talk to a loan officer today? Card on file is [card ****1111].',
    );
    expect(out.summary.entities.find((e) => e.type === 'card_number')?.text).toBe('[card ****1111]');
    expect(out.customer.email).toBe('[email ***@example.com]');
    expect(out.customer.attributes).toEqual({
      segment: 'retail',
      phone: '[phone ****4567]',
      ssn: '[ssn ***-**-6789]',
    });
    expect(out.conversationId).toBe(pkg.conversationId);
    expect([...new Set(out.redactions.map((r) => r.token))].sort()).toEqual(Object.keys(secrets).sort());
    expect(out.redactions).toContainEqual({
      token: 'card-1',
      type: 'card',
      path: 'transcript[4].text',
      mask: '[card ****1111]',
    });
    expect(secrets['card-1']?.value).toBe('4111 1111 1111 1111');
    expect(JSON.stringify(out)).not.toContain('4111 1111 1111 1111');
    expect(JSON.stringify(out)).not.toContain('ana.silva@');
  });
});

describe('redactForLog', () => {
  it('masks cards, SSNs, emails and phones everywhere', () => {
    expect(
      redactForLog({ msg: 'from ana@example.com, 555-123-4567, 4111111111111111, 123-45-6789', n: [1, 2] }),
    ).toEqual({
      msg: 'from [email ***@example.com], [phone ****4567], [card ****1111], [ssn ***-**-6789]',
      n: [1, 2],
    });
  });
});
