import { describe, expect, it } from 'vitest';
import { planMerge } from './plan-merge.ts';

const blank = {
  externalId: null,
  name: null,
  email: null,
  tier: 'standard' as const,
  attributes: {},
  mergedIntoId: null,
};

describe('planMerge', () => {
  it.each([
    {
      name: 'the duplicate fills what the customer lacks and lifts the tier',
      target: { ...blank, name: 'Dana', attributes: { plan: 'a' } },
      duplicate: {
        ...blank,
        externalId: 'crm-1',
        name: 'D. Reyes',
        email: 'd@x.io',
        tier: 'vip' as const,
        attributes: { plan: 'b', branch: 'north' },
      },
      out: {
        ok: true,
        patch: {
          externalId: 'crm-1',
          email: 'd@x.io',
          tier: 'vip',
          attributes: { branch: 'north', plan: 'a' },
        },
      },
    },
    {
      name: 'nothing to gain changes nothing',
      target: { ...blank, name: 'A' },
      duplicate: blank,
      out: { ok: true, patch: {} },
    },
    {
      name: 'the same external id on both is fine',
      target: { ...blank, externalId: 'crm-1' },
      duplicate: { ...blank, externalId: 'crm-1' },
      out: { ok: true, patch: {} },
    },
  ])('$name', ({ target, duplicate, out }) => {
    expect(planMerge(target, duplicate)).toEqual(out);
  });

  it.each([
    ['two different verified ids', { ...blank, externalId: 'a' }, { ...blank, externalId: 'b' }],
    ['a customer merged away', { ...blank, mergedIntoId: 'x' }, blank],
    ['a duplicate merged already', blank, { ...blank, mergedIntoId: 'x' }],
  ])('refuses %s', (_name, target, duplicate) => {
    expect(planMerge(target, duplicate).ok).toBe(false);
  });
});
