import type { EventBus } from '../platform/bus.ts';
import type { TokenClaims } from '../platform/tokens.ts';
import { accountTopic } from '../protocol/topics.ts';
import type { AgentStore } from './agent-store.ts';
import { checkSession, type SessionAccount, type SessionVerdict } from './check-session.ts';

/** Published after a change that may end sessions: every instance forgets its cached copy and re-checks sockets. */
export type AccountChanged = { type: 'account_changed'; agentId: string };

/** How long an instance trusts its copy of an account between changes it hears of (the bound without Redis). */
const cacheMs = 5_000;

type AgentClaims = Extract<TokenClaims, { kind: 'agent' }>;

/** Console sessions: whether a token still holds, signing out, and telling every instance of a change. */
export type Sessions = ReturnType<typeof createSessions>;

export function createSessions(deps: { store: AgentStore; bus: EventBus; now: () => Date }) {
  const cache = new Map<string, { at: number; account: SessionAccount | null }>();

  const load = async (agentId: string, fresh: boolean): Promise<SessionAccount | null> => {
    const now = deps.now();
    const hit = cache.get(agentId);
    if (!fresh && hit && now.getTime() - hit.at < cacheMs && now.getTime() >= hit.at) return hit.account;
    const account = await deps.store.sessionAccount(agentId, now);
    cache.set(agentId, { at: now.getTime(), account });
    return account;
  };

  const sessions = {
    /** Whether a console token still holds, and the account's role now; `fresh` skips the short cache. */
    async check(claims: AgentClaims, options: { fresh?: boolean } = {}): Promise<SessionVerdict> {
      return checkSession(await load(claims.agentId, options.fresh ?? false), claims);
    },

    /** Forgets the cached account here and tells every instance (REST checks and open sockets) to re-check. */
    async announce(agentId: string): Promise<void> {
      cache.delete(agentId);
      const event: AccountChanged = { type: 'account_changed', agentId };
      await deps.bus.publish(accountTopic, event);
    },

    /** Ends this token, or with `everywhere` every token of the account. */
    async signOut(claims: AgentClaims, everywhere: boolean): Promise<void> {
      if (everywhere) await deps.store.update(claims.agentId, {}, true);
      else
        await deps.store.revokeToken(
          { jti: claims.jti, agentId: claims.agentId, expiresAt: new Date(claims.exp * 1000) },
          deps.now(),
        );
      await sessions.announce(claims.agentId);
    },

    /** Listens for changes announced by any instance, then tells `onChange`; returns the stop function. */
    watch(onChange: (agentId: string) => void = () => {}): Promise<() => Promise<void>> {
      return deps.bus.subscribe(accountTopic, (event) => {
        const e = event as AccountChanged;
        if (e.type !== 'account_changed') return;
        cache.delete(e.agentId);
        onChange(e.agentId);
      });
    },
  };
  return sessions;
}
