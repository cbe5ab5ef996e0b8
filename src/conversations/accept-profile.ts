import type { VerifiedIdentity } from '../channels/verified-identity.ts';
import type { ErrorCode } from '../platform/errors.ts';
import type { NewCustomer } from './conversation-store.ts';

/** Who is starting a conversation: a server holding an API key, a page with a verified identity, or anyone. */
export type ProfileSource =
  | { kind: 'apiKey' }
  | { kind: 'verified'; identity: VerifiedIdentity }
  | { kind: 'anonymous' };

/** The customer a conversation opens for, or why it is refused. */
export type AcceptedProfile =
  | { ok: true; customer: NewCustomer | undefined }
  | { ok: false; code: Extract<ErrorCode, 'INVALID_IDENTITY' | 'IDENTITY_REQUIRED'>; reason: string };

/**
 * What of a customer profile a caller may set. A server with an API key knows its customers: all of it, and an
 * `externalId` finds (and updates) the customer it names. A verified identity names the customer by the host's
 * user id; what the host signed with it (a JWT's name, email, tier, attributes) updates the profile, and the page's
 * own unsigned name and email only fill a customer that is new. An anonymous caller only describes themselves, on a
 * new customer of their own: their `externalId`, `tier` and `attributes` are claims nobody checked (taking them
 * would let anyone read or overwrite a known customer, or choose their own routing), so they are dropped, or the
 * conversation refused when a verified identity is `required`.
 */
export function acceptProfile(
  profile: NewCustomer | undefined,
  source: ProfileSource,
  required = false,
): AcceptedProfile {
  if (source.kind === 'apiKey') return { ok: true, customer: profile };
  const unsigned = {
    ...(profile?.name !== undefined && { name: profile.name }),
    ...(profile?.email !== undefined && { email: profile.email }),
  };
  if (source.kind === 'anonymous') {
    if (required) {
      return {
        ok: false,
        code: 'IDENTITY_REQUIRED',
        reason:
          profile?.externalId !== undefined
            ? 'a customer id claimed by the page is not accepted; send the identity the host signed'
            : 'this service only serves customers whose identity the host site signed',
      };
    }
    return { ok: true, customer: profile === undefined ? undefined : unsigned };
  }
  const { identity } = source;
  if (profile?.externalId !== undefined && profile.externalId !== identity.externalId) {
    return {
      ok: false,
      code: 'INVALID_IDENTITY',
      reason: 'the customer id on the page is not the one the host signed',
    };
  }
  const signed = {
    ...(identity.name !== undefined && { name: identity.name }),
    ...(identity.email !== undefined && { email: identity.email }),
    ...(identity.tier !== undefined && { tier: identity.tier }),
    ...(identity.attributes !== undefined && { attributes: identity.attributes }),
  };
  return {
    ok: true,
    customer: {
      externalId: identity.externalId,
      ...signed,
      ...(Object.keys(unsigned).length > 0 && { ifNew: unsigned }),
    },
  };
}
