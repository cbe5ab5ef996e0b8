import type { NewCustomer } from './conversation-store.ts';

/** Who is starting a conversation: a server holding an API key, or anyone (a widget visitor). */
export type ProfileSource = 'apiKey' | 'anonymous';

/**
 * What of a customer profile a caller may set. A server with an API key knows its customers: all of it, and an
 * `externalId` finds (and updates) the customer it names. An anonymous caller only describes themselves, on a new
 * customer of their own: a name and an email. Their `externalId`, `tier` and `attributes` are claims nobody checked
 * (taking them would let anyone read or overwrite a known customer, or choose their own routing), so they are
 * dropped, whether or not such a customer exists.
 */
export function acceptProfile(
  profile: NewCustomer | undefined,
  source: ProfileSource,
): NewCustomer | undefined {
  if (source === 'apiKey' || profile === undefined) return profile;
  return {
    ...(profile.name !== undefined && { name: profile.name }),
    ...(profile.email !== undefined && { email: profile.email }),
  };
}
