import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { tierSchema } from '../protocol/conversation.ts';
import { attributeLimits, freeformObject } from '../protocol/freeform-object.ts';

/** Who the host site vouches the customer is: its user id, and the profile it signed with it. */
export type VerifiedIdentity = {
  externalId: string;
  /** How it was proven: a signed JWT carries a profile; an HMAC of the user id proves the id alone. */
  proof: 'jwt' | 'hmac';
  name?: string;
  email?: string;
  tier?: z.infer<typeof tierSchema>;
  attributes?: Record<string, unknown>;
};

/** The claims Baton reads from a host-signed JWT: `sub` is the host's user id, the rest its profile. */
const identityClaimsSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.email().max(320).optional(),
  tier: tierSchema.optional(),
  attributes: freeformObject(attributeLimits).optional(),
});

/** The identity a verified JWT payload names, or the reason its claims are unusable. */
export function identityFromClaims(
  payload: unknown,
): { ok: true; identity: VerifiedIdentity } | { ok: false; reason: string } {
  const parsed = identityClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `claim ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}` };
  }
  const c = parsed.data;
  return {
    ok: true,
    identity: {
      externalId: c.sub,
      proof: 'jwt',
      ...(c.name !== undefined && { name: c.name }),
      ...(c.email !== undefined && { email: c.email }),
      ...(c.tier !== undefined && { tier: c.tier }),
      ...(c.attributes !== undefined && { attributes: c.attributes }),
    },
  };
}

/** The HMAC-SHA256 of a user id under the shared secret, hex (what the host computes, as Intercom's user_hash). */
export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** Whether `hash` is the HMAC of `userId` under `secret`, compared in constant time. */
export function checkUserHash(secret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(userHash(secret, userId), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(hash) ? Buffer.from(hash, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
