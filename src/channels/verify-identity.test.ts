import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { IdentitySettings } from '../platform/config.ts';
import { userHash } from './verified-identity.ts';
import { createIdentityVerifier } from './verify-identity.ts';

const secret = 'the-host-and-baton-share-this-32+chars';
const now = new Date('2026-03-02T10:00:00Z');
const at = (d: Date) => Math.floor(d.getTime() / 1000);
const settings = (s: Partial<IdentitySettings>): IdentitySettings => ({
  secret: undefined,
  publicKey: undefined,
  jwksUrl: undefined,
  issuer: undefined,
  audience: undefined,
  required: false,
  ...s,
});
const hs256 = (claims: Record<string, unknown>, key = secret, alg = 'HS256') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg })
    .setExpirationTime(at(now) + 600)
    .sign(new TextEncoder().encode(key));
/** Re-encodes a token's payload without re-signing it. */
const tamper = (token: string, change: (p: Record<string, unknown>) => void) => {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('createIdentityVerifier with a shared secret', async () => {
  const verifier = await createIdentityVerifier(settings({ secret }), () => now);
  const refused = async (token: string) =>
    expect(verifier.verify({ token })).rejects.toMatchObject({ code: 'INVALID_IDENTITY' });

  it('accepts a token the host signed, with its profile', async () => {
    const token = await hs256({ sub: 'crm-1', name: 'Dana', tier: 'vip' });
    expect(await verifier.verify({ token })).toEqual({
      externalId: 'crm-1',
      proof: 'jwt',
      name: 'Dana',
      tier: 'vip',
    });
  });

  it('refuses a token signed with another secret', async () => {
    await refused(await hs256({ sub: 'crm-1' }, 'a-guessed-secret-that-is-long-enough'));
  });
  it('refuses a token whose claims were changed after signing', async () => {
    await refused(
      tamper(await hs256({ sub: 'crm-1', tier: 'standard' }), (p) => Object.assign(p, { sub: 'crm-2' })),
    );
    await refused(
      tamper(await hs256({ sub: 'crm-1', tier: 'standard' }), (p) => Object.assign(p, { tier: 'vip' })),
    );
  });
  it('refuses an expired token, beyond a minute of clock skew', async () => {
    const token = await new SignJWT({ sub: 'crm-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(at(now) - 61)
      .sign(new TextEncoder().encode(secret));
    await refused(token);
  });
  it('refuses a token without an expiry', async () => {
    await refused(
      await new SignJWT({ sub: 'crm-1' })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(secret)),
    );
  });
  it('refuses alg none, with or without a signature', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'crm-1', exp: at(now) + 600 })}.`;
    await refused(unsigned);
    const valid = await hs256({ sub: 'crm-1' });
    await refused(`${b64({ alg: 'none' })}.${valid.split('.')[1]}.${valid.split('.')[2]}`);
  });
  it('refuses what is not a JWT, and an unsupported algorithm', async () => {
    await refused('not-a-token');
    await refused(`${b64({ alg: 'RS256' })}.${b64({ sub: 'x' })}.c2ln`);
  });
  it('checks the HMAC of a user id', async () => {
    expect(await verifier.verify({ userId: 'crm-1', hash: userHash(secret, 'crm-1') })).toEqual({
      externalId: 'crm-1',
      proof: 'hmac',
    });
    await expect(verifier.verify({ userId: 'crm-2', hash: userHash(secret, 'crm-1') })).rejects.toMatchObject(
      {
        code: 'INVALID_IDENTITY',
      },
    );
  });
  it('checks issuer and audience when configured', async () => {
    const strict = await createIdentityVerifier(
      settings({ secret, issuer: 'https://bank.example', audience: 'baton' }),
      () => now,
    );
    const good = await new SignJWT({ sub: 'crm-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://bank.example')
      .setAudience('baton')
      .setExpirationTime(at(now) + 60)
      .sign(new TextEncoder().encode(secret));
    expect((await strict.verify({ token: good })).externalId).toBe('crm-1');
    await expect(strict.verify({ token: await hs256({ sub: 'crm-1' }) })).rejects.toMatchObject({
      code: 'INVALID_IDENTITY',
    });
  });
});

describe('createIdentityVerifier with a public key', async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const pem = await exportSPKI(publicKey);
  const es256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setExpirationTime(at(now) + 600)
      .sign(privateKey);

  it.each([
    ['a PEM key', async () => pem],
    ['a JWK', async () => JSON.stringify(await exportJWK(publicKey))],
    ['a JWK set', async () => JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] })],
  ])('verifies tokens signed by the private key, given %s', async (_name, key) => {
    const verifier = await createIdentityVerifier(settings({ publicKey: await key() }), () => now);
    expect((await verifier.verify({ token: await es256({ sub: 'crm-9' }) })).externalId).toBe('crm-9');
  });

  it('refuses the public key used as an HMAC secret (algorithm confusion)', async () => {
    const verifier = await createIdentityVerifier(settings({ publicKey: pem }), () => now);
    await expect(verifier.verify({ token: await hs256({ sub: 'crm-1' }, pem) })).rejects.toMatchObject({
      code: 'INVALID_IDENTITY',
    });
  });

  it('refuses a token signed by another key pair', async () => {
    const other = await generateKeyPair('ES256');
    const verifier = await createIdentityVerifier(settings({ publicKey: pem }), () => now);
    const token = await new SignJWT({ sub: 'crm-1' })
      .setProtectedHeader({ alg: 'ES256' })
      .setExpirationTime(at(now) + 600)
      .sign(other.privateKey);
    await expect(verifier.verify({ token })).rejects.toMatchObject({ code: 'INVALID_IDENTITY' });
  });

  it('refuses user hashes when no secret is configured', async () => {
    const verifier = await createIdentityVerifier(settings({ publicKey: pem }), () => now);
    await expect(verifier.verify({ userId: 'crm-1', hash: userHash(pem, 'crm-1') })).rejects.toMatchObject({
      code: 'INVALID_IDENTITY',
    });
  });
});
