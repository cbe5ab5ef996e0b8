import { describe, expect, it } from 'vitest';
import { acceptProfile } from './accept-profile.ts';
import type { NewCustomer } from './conversation-store.ts';

const full: NewCustomer = {
  externalId: 'crm-7',
  name: 'Ana',
  email: 'ana@example.com',
  tier: 'vip',
  attributes: { plan: 'enterprise' },
};

describe('acceptProfile', () => {
  it.each<{ name: string; profile: NewCustomer | undefined; source: 'apiKey' | 'anonymous'; out: unknown }>([
    { name: 'an API key sets everything', profile: full, source: 'apiKey', out: full },
    {
      name: 'an anonymous caller only their name and email',
      profile: full,
      source: 'anonymous',
      out: { name: 'Ana', email: 'ana@example.com' },
    },
    {
      name: 'an anonymous externalId alone links to nothing',
      profile: { externalId: 'crm-7' },
      source: 'anonymous',
      out: {},
    },
    {
      name: 'an anonymous tier is not taken',
      profile: { name: 'Ana', tier: 'gold' },
      source: 'anonymous',
      out: { name: 'Ana' },
    },
    { name: 'no profile stays none', profile: undefined, source: 'anonymous', out: undefined },
  ])('$name', ({ profile, source, out }) => {
    expect(acceptProfile(profile, source)).toEqual(out);
  });
});
