import type { Agent, Role } from '../protocol/agent.ts';

/** An account as far as its sessions are concerned, read fresh (or nearly) from the database. */
export type SessionAccount = {
  role: Role;
  active: boolean;
  sessionVersion: number;
  /** Ids of this account's tokens that were signed out one by one and have not expired yet. */
  revokedTokenIds: readonly string[];
};

/** Why a console token no longer counts. */
export type RevokedReason = 'unknown_account' | 'inactive' | 'session_ended' | 'signed_out';

/** The verdict on a console token: still valid with the account's current role, or revoked and why. */
export type SessionVerdict = { kind: 'valid'; role: Role } | { kind: 'revoked'; reason: RevokedReason };

/** What a person is told when their token stops working. */
export const revokedMessages: Record<RevokedReason, string> = {
  unknown_account: 'this account no longer exists',
  inactive: 'this account is no longer active',
  session_ended: 'this session has ended (password or role changed, or signed out everywhere); sign in again',
  signed_out: 'this session was signed out; sign in again',
};

/** Decides whether a console token (its session version and id) still holds for the account as stored now. */
export function checkSession(
  account: SessionAccount | null,
  token: { sv: unknown; jti: unknown },
): SessionVerdict {
  if (!account) return { kind: 'revoked', reason: 'unknown_account' };
  if (!account.active) return { kind: 'revoked', reason: 'inactive' };
  // Tokens issued before sessions were versioned carry no `sv`: they end too.
  if (token.sv !== account.sessionVersion) return { kind: 'revoked', reason: 'session_ended' };
  if (typeof token.jti !== 'string' || account.revokedTokenIds.includes(token.jti))
    return { kind: 'revoked', reason: 'signed_out' };
  return { kind: 'valid', role: account.role };
}

/** Whether a change to an account ends its open sessions: a new password, another role, or deactivation. */
export function revokesSessions(
  before: Pick<Agent, 'role' | 'active'>,
  patch: { password?: string; role?: Role; active?: boolean },
): boolean {
  return (
    patch.password !== undefined ||
    (patch.role !== undefined && patch.role !== before.role) ||
    (patch.active === false && before.active)
  );
}
