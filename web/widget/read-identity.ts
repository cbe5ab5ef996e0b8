import type { IdentityProof } from '../../src/protocol/conversation.ts';

/** The attributes `readIdentity` reads (an element, or anything with `getAttribute`). */
type Attributes = Pick<Element, 'getAttribute'>;

/**
 * The identity the host put on the element: `identity-token` (a signed JWT), or `customer-id` with
 * `customer-hash` (the HMAC of the id). Baton verifies it; the widget only passes it on.
 */
export function readIdentity(el: Attributes): IdentityProof | undefined {
  const token = el.getAttribute('identity-token')?.trim();
  if (token) return { token };
  const userId = el.getAttribute('customer-id')?.trim();
  const hash = el.getAttribute('customer-hash')?.trim();
  return userId && hash ? { userId, hash } : undefined;
}

/**
 * Whom a proof names, to keep each signed-in customer's saved conversation apart in this browser (another
 * customer signing in on the same computer never resumes the last one's chat). Read without verifying: it only
 * picks a storage key; the server verifies the proof.
 */
export function identitySubject(proof: IdentityProof | undefined): string {
  if (!proof) return '';
  if ('userId' in proof) return proof.userId;
  const payload = proof.token.split('.')[1] ?? '';
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const claims = JSON.parse(text) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : '';
  } catch {
    return '';
  }
}
