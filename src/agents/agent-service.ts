import type { AuditedChange } from '../audit/audit-log.ts';
import type { EventBus } from '../platform/bus.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { hashPassword } from '../platform/passwords.ts';
import type { TokenSigner } from '../platform/tokens.ts';
import type { Agent, Role } from '../protocol/agent.ts';
import { type AgentStore, createAgentStore } from './agent-store.ts';
import { checkPasswordStrength } from './check-password-strength.ts';
import { revokesSessions } from './check-session.ts';
import { generatePassword } from './generate-password.ts';
import type { LoginThrottleStore } from './login-throttle-store.ts';
import { createSessions } from './sessions.ts';
import { signIn } from './sign-in.ts';

export type DemoLogin = { email: string; password: string; role: Role; name: string };

/** The people who use the console: login and sessions, and the admin's management of accounts. */
export type AgentService = ReturnType<typeof createAgentService>;

/** Refuses a weak password with WEAK_PASSWORD and the reason. */
function assertStrong(password: string, account: { email: string; name: string }): void {
  const verdict = checkPasswordStrength(password, account);
  if (verdict.kind === 'weak') fail('WEAK_PASSWORD', verdict.message, { reason: verdict.reason });
}

export function createAgentService(deps: {
  store: AgentStore;
  throttle: LoginThrottleStore;
  tokens: TokenSigner;
  bus: EventBus;
  now: () => Date;
  /** Runs an account change with its audit entry in one transaction. */
  audited: AuditedChange;
}) {
  const { store } = deps;
  const sessions = createSessions(deps);

  return {
    login: (email: string, password: string) => signIn(deps, email, password),

    /** Whether a console token still holds (see `checkSession`), and the account's current role. */
    checkSession: sessions.check,
    /** Signs out the caller's token, or all of the account's tokens. */
    signOut: sessions.signOut,
    /** Keeps this instance's cached accounts in step with changes made on any instance. */
    watch: sessions.watch,

    async get(id: string): Promise<Agent> {
      return (await store.get(id)) ?? fail('AGENT_NOT_FOUND', `no agent ${id}`);
    },

    list: () => store.list(),

    async findByEmail(email: string): Promise<Agent | null> {
      const found = await store.findByEmail(email.trim());
      if (!found) return null;
      const { passwordHash: _, sessionVersion: __, ...agent } = found;
      return agent;
    },

    /** Creates an account; `actor` (who did it) goes to the audit log with it. */
    async create(input: Omit<Agent, 'id' | 'active'> & { password: string }, actor: string): Promise<Agent> {
      const email = input.email.trim().toLowerCase();
      if (await store.findByEmail(email)) fail('CONFLICT', `an account with email ${email} exists`);
      const { password, ...rest } = input;
      assertStrong(password, { email, name: rest.name });
      const passwordHash = await hashPassword(password);
      const id = newId('agt');
      return deps.audited({ area: 'agents', subject: id, action: 'create', actor }, async (tx) => {
        const agent = await createAgentStore(tx).insert({ ...rest, email, id, active: true, passwordHash });
        return { result: agent, before: null, after: agent };
      });
    },

    /** Changes an account; a new password, another role or deactivation ends its sessions on every instance. */
    async update(
      id: string,
      patch: Partial<Omit<Agent, 'id' | 'email'>> & { password?: string },
      actor: string,
    ): Promise<Agent> {
      const before = (await store.get(id)) ?? fail('AGENT_NOT_FOUND', `no agent ${id}`);
      const { password, ...rest } = patch;
      if (password !== undefined)
        assertStrong(password, { email: before.email, name: rest.name ?? before.name });
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const updated = await deps.audited(
        { area: 'agents', subject: id, action: 'update', actor },
        async (tx) => {
          const accounts = createAgentStore(tx);
          const current = (await accounts.get(id)) ?? fail('AGENT_NOT_FOUND', `no agent ${id}`);
          const after = await accounts.update(
            id,
            { ...rest, ...(passwordHash !== undefined && { passwordHash }) },
            revokesSessions(before, patch),
          );
          if (!after) fail('AGENT_NOT_FOUND', `no agent ${id}`);
          // A new password shows as hidden on both sides: the log says it changed, never what it is.
          const marker = passwordHash === undefined ? {} : { password: 'old' };
          return {
            result: after,
            before: { ...current, ...marker },
            after: { ...after, ...(passwordHash !== undefined && { password: 'new' }) },
            secrets: ['password'],
          };
        },
      );
      await sessions.announce(id);
      return updated;
    },

    /**
     * On an empty database: creates one admin, one supervisor and an agent per demo team, with fresh passwords.
     * The admin and the supervisor belong to no team: they take chats only once they join one and choose to.
     */
    async seedDemoUsers(teams: { team: string; name: string }[]): Promise<DemoLogin[]> {
      if ((await store.count()) > 0) return [];
      const logins: DemoLogin[] = [];
      const add = async (email: string, name: string, role: Role, agentTeams: string[]) => {
        const password = generatePassword({ email, name });
        await this.create(
          {
            email,
            name,
            role,
            password,
            teams: agentTeams,
            skills: agentTeams,
            capacity: 3,
          },
          'setup',
        );
        logins.push({ email, password, role, name });
      };
      await add('admin@baton.local', 'Avery Admin', 'admin', []);
      await add('supervisor@baton.local', 'Sam Supervisor', 'supervisor', []);
      for (const t of teams)
        await add(`${t.team.replaceAll('_', '-')}@baton.local`, t.name, 'agent', [t.team]);
      return logins;
    },
  };
}
