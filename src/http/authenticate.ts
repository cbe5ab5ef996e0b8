import type { FastifyRequest } from 'fastify';
import { revokedMessages, type SessionVerdict } from '../agents/check-session.ts';
import { fail } from '../platform/errors.ts';
import type { TokenClaims, TokenSigner } from '../platform/tokens.ts';
import type { Access, Authenticate, Caller } from './define-route.ts';

/** Builds the request authenticator: bearer tokens for customers and console users, API keys for servers. */
export function createAuthenticate(deps: {
  tokens: TokenSigner;
  apiKeys: string[];
  now: () => Date;
  /** Counts the request against its caller's rate limit; throws RATE_LIMITED past it. */
  rateLimit: (req: FastifyRequest, key: string) => Promise<void>;
  /** Whether a console token still holds (not signed out, password or role unchanged, account active). */
  checkSession: (claims: Extract<TokenClaims, { kind: 'agent' }>) => Promise<SessionVerdict>;
}): Authenticate {
  return async (req: FastifyRequest, access: Access): Promise<Caller> => {
    if (access === 'public') return { kind: 'anonymous' };
    if (access === 'publicOrApiKey' && req.headers['x-api-key'] === undefined) return { kind: 'anonymous' };
    if (access === 'apiKey' || access === 'publicOrApiKey') {
      const key = req.headers['x-api-key'];
      if (typeof key !== 'string' || !deps.apiKeys.includes(key))
        fail('INVALID_TOKEN', 'a valid x-api-key header is required');
      await deps.rateLimit(req, `key:${key.slice(0, 12)}`);
      return { kind: 'apiKey' };
    }
    const header = req.headers.authorization;
    if (!header) fail('UNAUTHENTICATED', 'an Authorization: Bearer token is required');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) fail('INVALID_TOKEN', 'the Authorization header must be "Bearer <token>"');
    const verified = deps.tokens.verify(match[1]!, deps.now().getTime());
    if (!verified) fail('INVALID_TOKEN', 'the token is invalid or expired');
    let claims: Exclude<Caller, { kind: 'anonymous' } | { kind: 'apiKey' }> = verified;
    if (verified.kind === 'agent') {
      const session = await deps.checkSession(verified);
      if (session.kind === 'revoked') fail('INVALID_TOKEN', revokedMessages[session.reason]);
      claims = { ...verified, role: session.role };
    }
    await deps.rateLimit(
      req,
      claims.kind === 'customer' ? `conv:${claims.conversationId}` : `agent:${claims.agentId}`,
    );
    const isConsole = claims.kind === 'agent';
    const allowed =
      access === 'customer'
        ? claims.kind === 'customer'
        : access === 'customerOrConsole'
          ? true
          : access === 'console'
            ? isConsole
            : access === 'supervisor'
              ? claims.kind === 'agent' && (claims.role === 'supervisor' || claims.role === 'admin')
              : claims.kind === 'agent' && claims.role === 'admin';
    if (!allowed) fail('FORBIDDEN', `this token may not call this route (needs ${access})`);
    return claims;
  };
}
