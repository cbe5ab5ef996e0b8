import { fail } from '../platform/errors.ts';
import { randomSecret } from '../platform/ids.ts';
import { hashPassword, verifyPassword } from '../platform/passwords.ts';
import type { TokenSigner } from '../platform/tokens.ts';
import type { Agent } from '../protocol/agent.ts';
import type { AgentStore } from './agent-store.ts';
import { decideLoginAttempt, defaultLoginPolicy, type LoginPolicy } from './decide-login-attempt.ts';
import type { LoginThrottleStore } from './login-throttle-store.ts';

/** How long a console login lasts. */
export const sessionSeconds = 12 * 3600;

/** What signing in needs. */
export type SignInDeps = {
  store: AgentStore;
  throttle: LoginThrottleStore;
  tokens: TokenSigner;
  now: () => Date;
  policy?: LoginPolicy;
};

/**
 * Signs a console user in: refuses with LOGIN_THROTTLED while the email owes a wait for earlier failures (even
 * for the right password), checks the password, and issues a token naming the session version and a fresh id.
 */
export async function signIn(
  deps: SignInDeps,
  email: string,
  password: string,
): Promise<{ token: string; agent: Agent }> {
  const key = email.trim().toLowerCase();
  await claimAttempt(deps, key);
  const found = await deps.store.findByEmail(key);
  // Hash even when the account is unknown, so timing does not reveal which emails exist.
  const ok = found
    ? await verifyPassword(password, found.passwordHash)
    : await hashPassword(password).then(() => false);
  // A failure stays counted: the attempt was recorded as one before the password was checked.
  if (!found || !ok || !found.active) fail('INVALID_CREDENTIALS', 'email or password is wrong');
  await deps.throttle.clear(key);
  const { passwordHash: _, sessionVersion, ...agent } = found;
  const exp = Math.floor(deps.now().getTime() / 1000) + sessionSeconds;
  const token = deps.tokens.sign({
    kind: 'agent',
    agentId: agent.id,
    role: agent.role,
    sv: sessionVersion,
    jti: randomSecret(12),
    exp,
  });
  return { token, agent };
}

/** Uses up one attempt for the email, or fails with LOGIN_THROTTLED and the seconds to wait. */
async function claimAttempt(deps: SignInDeps, email: string): Promise<void> {
  const policy = deps.policy ?? defaultLoginPolicy;
  // Each pass loses only to another attempt on the same email that was recorded meanwhile.
  for (let pass = 0; pass < 20; pass++) {
    const now = deps.now();
    const seen = await deps.throttle.read(email);
    const decision = decideLoginAttempt(seen, now.getTime(), policy);
    if (decision.kind === 'wait') {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      fail('LOGIN_THROTTLED', `too many failed sign-ins for this account; try again in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
    const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs);
    if (await deps.throttle.claim(email, seen, decision.failures, now, forgetBefore)) return;
  }
  fail('LOGIN_THROTTLED', 'too many sign-ins for this account at once; try again in 1 s', {
    retryAfterSeconds: 1,
  });
}
