import { describe, expect, it } from 'vitest';
import { type AcceptedProfile, acceptProfile, type ProfileSource } from './accept-profile.ts';
import type { NewCustomer } from './conversation-store.ts';

const full: NewCustomer = {
  externalId: 'crm-7',
  name: 'Ana',
  email: 'ana@example.com',
  tier: 'vip',
  attributes: { plan: 'enterprise' },
};
const jwt: ProfileSource = {
  kind: 'verified',
  identity: { externalId: 'crm-7', proof: 'jwt', name: 'Ana Signed', tier: 'gold', attributes: { a: 1 } },
};
const hmac: ProfileSource = { kind: 'verified', identity: { externalId: 'crm-7', proof: 'hmac' } };
const anonymous: ProfileSource = { kind: 'anonymous' };

describe('acceptProfile', () => {
  it.each<{
    name: string;
    profile: NewCustomer | undefined;
    source: ProfileSource;
    required?: boolean;
    out: AcceptedProfile;
  }>([
    {
      name: 'an API key sets everything',
      profile: full,
      source: { kind: 'apiKey' },
      out: { ok: true, customer: full },
    },
    {
      name: 'an anonymous caller only their name and email',
      profile: full,
      source: anonymous,
      out: { ok: true, customer: { name: 'Ana', email: 'ana@example.com' } },
    },
    {
      name: 'an anonymous externalId alone links to nothing',
      profile: { externalId: 'crm-7' },
      source: anonymous,
      out: { ok: true, customer: {} },
    },
    {
      name: 'an anonymous tier is not taken',
      profile: { name: 'Ana', tier: 'gold' },
      source: anonymous,
      out: { ok: true, customer: { name: 'Ana' } },
    },
    {
      name: 'no profile stays none',
      profile: undefined,
      source: anonymous,
      out: { ok: true, customer: undefined },
    },
    {
      name: 'required: an anonymous claim of a customer id is refused',
      profile: { externalId: 'crm-7' },
      source: anonymous,
      required: true,
      out: { ok: false, code: 'IDENTITY_REQUIRED', reason: expect.stringContaining('claimed by the page') },
    },
    {
      name: 'required: an anonymous visitor is refused',
      profile: undefined,
      source: anonymous,
      required: true,
      out: { ok: false, code: 'IDENTITY_REQUIRED', reason: expect.any(String) },
    },
    {
      name: 'a signed JWT sets what it signed; the page name only fills a new customer; page tier dropped',
      profile: { name: 'Page Name', tier: 'vip', attributes: { b: 2 } },
      source: jwt,
      out: {
        ok: true,
        customer: {
          externalId: 'crm-7',
          name: 'Ana Signed',
          tier: 'gold',
          attributes: { a: 1 },
          ifNew: { name: 'Page Name' },
        },
      },
    },
    {
      name: 'an HMAC proves the id alone',
      profile: { externalId: 'crm-7', name: 'Ana', email: 'ana@example.com', tier: 'vip' },
      source: hmac,
      required: true,
      out: { ok: true, customer: { externalId: 'crm-7', ifNew: { name: 'Ana', email: 'ana@example.com' } } },
    },
    {
      name: 'a page id that differs from the signed one is refused',
      profile: { externalId: 'crm-8' },
      source: hmac,
      out: {
        ok: false,
        code: 'INVALID_IDENTITY',
        reason: expect.stringContaining('not the one the host signed'),
      },
    },
  ])('$name', ({ profile, source, required, out }) => {
    expect(acceptProfile(profile, source, required)).toEqual(out);
  });
});
