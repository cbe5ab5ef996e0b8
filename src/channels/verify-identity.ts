import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import type { IdentitySettings } from '../platform/config.ts';
import { fail } from '../platform/errors.ts';
import { checkUserHash, identityFromClaims, type VerifiedIdentity } from './verified-identity.ts';

/** What a page sends to prove who its customer is: a host-signed JWT, or the user id with its HMAC. */
export type IdentityProof = { token: string } | { userId: string; hash: string };

/** Checks identity proofs; refuses (INVALID_IDENTITY) anything that does not verify. */
export type IdentityVerifier = {
  /** Whether any key is configured (without one, every proof is refused). */
  configured: boolean;
  verify: (proof: IdentityProof) => Promise<VerifiedIdentity>;
};

/** Algorithms accepted per key kind: never `none`, never a public key used as an HMAC secret. */
const secretAlgorithms = ['HS256', 'HS384', 'HS512'];
const publicAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
/** A minute of clock skew between the host and Baton. */
const clockToleranceSeconds = 60;

/** The public key (PEM SPKI or JWK/JWKS JSON) or remote key set that verifies asymmetric tokens, if any. */
function publicKeyOf(settings: IdentitySettings): JWTVerifyGetKey | KeyObject | null {
  if (settings.jwksUrl) return createRemoteJWKSet(new URL(settings.jwksUrl));
  const text = settings.publicKey?.trim();
  if (!text) return null;
  if (!text.startsWith('{')) return createPublicKey(text);
  const json = JSON.parse(text) as Record<string, unknown>;
  if (Array.isArray(json.keys)) return createLocalJWKSet(json as unknown as JSONWebKeySet);
  return createPublicKey({ key: json as JsonWebKey, format: 'jwk' });
}

/**
 * Builds the verifier from the configured secret and keys. A JWT must be signed with an allowed algorithm, carry
 * `sub` and `exp` (and match `iss`/`aud` when configured) and be unexpired at `now`; an HMAC must match the user id.
 */
export async function createIdentityVerifier(
  settings: IdentitySettings,
  now: () => Date,
): Promise<IdentityVerifier> {
  const secret = settings.secret ? new TextEncoder().encode(settings.secret) : null;
  const publicKey = publicKeyOf(settings);
  const refuse = (why: string): never =>
    fail('INVALID_IDENTITY', `the customer identity is not valid: ${why}`);

  const verifyToken = async (token: string) => {
    if (token.length > 8192) refuse('the token is too long');
    const header = decodeHeader(token) ?? refuse('the token is not a JWT');
    const alg = String(header.alg ?? '');
    const options = {
      requiredClaims: ['sub', 'exp'],
      currentDate: now(),
      clockTolerance: clockToleranceSeconds,
      ...(settings.issuer && { issuer: settings.issuer }),
      ...(settings.audience && { audience: settings.audience }),
    };
    let payload: unknown;
    try {
      if (secretAlgorithms.includes(alg) && secret) {
        ({ payload } = await jwtVerify(token, secret, { ...options, algorithms: secretAlgorithms }));
      } else if (publicAlgorithms.includes(alg) && publicKey) {
        const opts = { ...options, algorithms: publicAlgorithms };
        ({ payload } =
          typeof publicKey === 'function'
            ? await jwtVerify(token, publicKey, opts)
            : await jwtVerify(token, publicKey, opts));
      } else {
        refuse(`algorithm "${alg}" is not accepted`);
      }
    } catch (err) {
      if (err instanceof errors.JOSEError) refuse(err.message);
      throw err;
    }
    const read = identityFromClaims(payload);
    return read.ok ? read.identity : refuse(read.reason);
  };

  return {
    configured: Boolean(secret || publicKey),
    async verify(proof) {
      if ('token' in proof) return verifyToken(proof.token);
      const hashSecret = settings.secret ?? refuse('no identity secret is configured for user hashes');
      if (!checkUserHash(hashSecret, proof.userId, proof.hash)) refuse('the user hash does not match');
      return { externalId: proof.userId, proof: 'hmac' };
    },
  };
}

/** The protected header of a compact JWS, or null when it is not one. */
function decodeHeader(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0]) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    return header && typeof header === 'object' && !Array.isArray(header)
      ? (header as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
