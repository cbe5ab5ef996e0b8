import { fail } from '../platform/errors.ts';
import { newId, randomSecret } from '../platform/ids.ts';
import { hashPassword, verifyPassword } from '../platform/passwords.ts';
import type { TokenSigner } from '../platform/tokens.ts';
import type { Agent, Role } from '../protocol/agent.ts';
import type { AgentStore } from './agent-store.ts';

/** How long a console login lasts. */
const sessionSeconds = 12 * 3600;

export type DemoLogin = { email: string; password: string; role: Role; name: string };

/** The people who use the console: login, and the admin's management of accounts. */
export type AgentService = ReturnType<typeof createAgentService>;

export function createAgentService(deps: { store: AgentStore; tokens: TokenSigner; now: () => Date }) {
  const { store, tokens } = deps;
  const currentCache = new Map<string, { at: number; value: { role: Role; active: boolean } | null }>();

  return {
    async login(email: string, password: string): Promise<{ token: string; agent: Agent }> {
      const found = await store.findByEmail(email);
      // Hash even when the account is unknown, so timing does not reveal which emails exist.
      const ok = found
        ? await verifyPassword(password, found.passwordHash)
        : await hashPassword(password).then(() => false);
      if (!found || !ok || !found.active) fail('INVALID_CREDENTIALS', 'email or password is wrong');
      const { passwordHash: _, ...agent } = found;
      const exp = Math.floor(deps.now().getTime() / 1000) + sessionSeconds;
      return { token: tokens.sign({ kind: 'agent', agentId: agent.id, role: agent.role, exp }), agent };
    },

    async get(id: string): Promise<Agent> {
      return (await store.get(id)) ?? fail('AGENT_NOT_FOUND', `no agent ${id}`);
    },

    list: () => store.list(),

    /** The account's role and whether it is active, cached for a few seconds (checked on every console request). */
    async current(id: string): Promise<{ role: Role; active: boolean } | null> {
      const t = deps.now().getTime();
      const hit = currentCache.get(id);
      if (hit && t - hit.at < 5_000) return hit.value;
      const agent = await store.get(id);
      const value = agent ? { role: agent.role, active: agent.active } : null;
      currentCache.set(id, { at: t, value });
      return value;
    },

    async create(input: Omit<Agent, 'id' | 'active'> & { password: string }): Promise<Agent> {
      if (await store.findByEmail(input.email))
        fail('CONFLICT', `an account with email ${input.email} exists`);
      const { password, ...rest } = input;
      return store.insert({
        ...rest,
        email: rest.email.toLowerCase(),
        id: newId('agt'),
        active: true,
        passwordHash: await hashPassword(password),
      });
    },

    async update(
      id: string,
      patch: Partial<Omit<Agent, 'id' | 'email'>> & { password?: string },
    ): Promise<Agent> {
      const { password, ...rest } = patch;
      currentCache.delete(id);
      const updated = await store.update(id, {
        ...rest,
        ...(password !== undefined && { passwordHash: await hashPassword(password) }),
      });
      return updated ?? fail('AGENT_NOT_FOUND', `no agent ${id}`);
    },

    /**
     * On an empty database: creates one admin, one supervisor and an agent per demo team, with fresh passwords.
     * The admin and the supervisor belong to no team: they take chats only once they join one and choose to.
     */
    async seedDemoUsers(teams: { team: string; name: string }[]): Promise<DemoLogin[]> {
      if ((await store.count()) > 0) return [];
      const logins: DemoLogin[] = [];
      const add = async (email: string, name: string, role: Role, agentTeams: string[]) => {
        const password = randomSecret(9);
        await this.create({
          email,
          name,
          role,
          password,
          teams: agentTeams,
          skills: agentTeams,
          capacity: 3,
        });
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
