import { describe, expect, it } from 'vitest';
import { decideReveal, defaultRevealRoles, type RevealSource } from './reveal.ts';

const source: RevealSource = {
  secrets: { 'card-1': { type: 'card', value: '4111 1111 1111 1111' } },
  redactions: [
    { token: 'card-1', type: 'card', path: 'transcript[4].text', mask: '[card ****1111]' },
    { token: 'card-1', type: 'card', path: 'summary.entities[0].text', mask: '[card ****1111]' },
  ],
};

const cases: {
  name: string;
  role: string;
  token?: string;
  reason?: string;
  roles?: string[];
  source?: RevealSource;
  expected: string;
}[] = [
  { name: 'agent is refused', role: 'agent', expected: 'FORBIDDEN' },
  { name: 'supervisor sees it', role: 'supervisor', expected: 'revealed' },
  { name: 'admin sees it', role: 'admin', expected: 'revealed' },
  { name: 'allowed roles are a parameter', role: 'agent', roles: ['agent'], expected: 'revealed' },
  { name: 'role is checked before the package exists', role: 'agent', source: null, expected: 'FORBIDDEN' },
  { name: 'a reason is required', role: 'admin', reason: ' ', expected: 'VALIDATION_FAILED' },
  { name: 'unknown token', role: 'admin', token: 'card-9', expected: 'NOT_FOUND' },
  { name: 'no package', role: 'admin', source: null, expected: 'NOT_FOUND' },
];

describe('decideReveal', () => {
  it.each(cases)('$name', (c) => {
    const outcome = decideReveal(
      {
        role: c.role,
        token: c.token ?? 'card-1',
        reason: c.reason ?? 'customer disputes the charge',
        allowedRoles: c.roles ?? defaultRevealRoles,
      },
      c.source === undefined ? source : c.source,
    );
    expect(outcome.kind === 'revealed' ? 'revealed' : outcome.code).toBe(c.expected);
  });

  it('returns the value and every place it was masked', () => {
    expect(
      decideReveal(
        { role: 'admin', token: 'card-1', reason: 'audit', allowedRoles: defaultRevealRoles },
        source,
      ),
    ).toEqual({
      kind: 'revealed',
      token: 'card-1',
      type: 'card',
      value: '4111 1111 1111 1111',
      paths: ['transcript[4].text', 'summary.entities[0].text'],
    });
  });
});
