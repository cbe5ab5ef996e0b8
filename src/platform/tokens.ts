import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a token proves: a customer's access to one conversation, or a console user's identity. A console token
 * also names the account's session version (`sv`) when it was issued and its own id (`jti`), so it can be
 * revoked: all of an account's tokens by raising the version, one token by its id.
 */
export type TokenClaims =
  | { kind: 'customer'; conversationId: string; customerId: string; exp: number }
  | {
      kind: 'agent';
      agentId: string;
      role: 'agent' | 'supervisor' | 'admin';
      sv: number;
      jti: string;
      exp: number;
    };

/** Signs and verifies compact HMAC-SHA256 tokens (`payload.signature`, base64url). */
export type TokenSigner = {
  sign: (claims: TokenClaims) => string;
  /** The claims, or null when the token is malformed, forged or expired. */
  verify: (token: string, nowMs: number) => TokenClaims | null;
};

/** Builds a signer over a secret. */
export function createTokenSigner(secret: string): TokenSigner {
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    sign(claims) {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token, nowMs) {
      const dot = token.indexOf('.');
      if (dot <= 0 || token.length > 2000) return null;
      const payload = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let claims: TokenClaims;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
      } catch {
        return null;
      }
      if (typeof claims.exp !== 'number' || claims.exp * 1000 < nowMs) return null;
      return claims;
    },
  };
}
