import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { Agent, Role } from '../protocol/agent.ts';
import { agents, loginThrottles, revokedTokens } from './agent.tables.ts';
import type { SessionAccount } from './check-session.ts';

type AgentRow = typeof agents.$inferSelect;

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    teams: row.teams,
    skills: row.skills,
    capacity: row.capacity,
    active: row.active,
  };
}

/** Console users, their password hashes and session versions, and the tokens signed out one by one. */
export type AgentStore = ReturnType<typeof createAgentStore>;

export function createAgentStore(db: Db) {
  return {
    async insert(agent: Agent & { passwordHash: string }): Promise<Agent> {
      const [row] = await db.insert(agents).values(agent).returning();
      return toAgent(row!);
    },
    async findByEmail(
      email: string,
    ): Promise<(Agent & { passwordHash: string; sessionVersion: number }) | null> {
      const [row] = await db.select().from(agents).where(eq(agents.email, email.toLowerCase()));
      return row
        ? { ...toAgent(row), passwordHash: row.passwordHash, sessionVersion: row.sessionVersion }
        : null;
    },
    async get(id: string): Promise<Agent | null> {
      const [row] = await db.select().from(agents).where(eq(agents.id, id));
      return row ? toAgent(row) : null;
    },
    async list(): Promise<Agent[]> {
      return (await db.select().from(agents).orderBy(asc(agents.email))).map(toAgent);
    },
    /**
     * Changes an account in one transaction. `endSessions` raises its session version (every token issued so
     * far stops working); a new password hash also forgets the failed sign-ins of its email.
     */
    async update(
      id: string,
      patch: Partial<Omit<Agent, 'id' | 'email'>> & { passwordHash?: string },
      endSessions: boolean,
    ): Promise<Agent | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(agents)
          .set({ ...patch, ...(endSessions && { sessionVersion: sql`${agents.sessionVersion} + 1` }) })
          .where(eq(agents.id, id))
          .returning();
        if (row && patch.passwordHash !== undefined)
          await tx.delete(loginThrottles).where(eq(loginThrottles.email, row.email));
        return row ? toAgent(row) : null;
      });
    },
    async count(): Promise<number> {
      return (await db.select({ id: agents.id }).from(agents)).length;
    },
    /** What decides whether the account's tokens still hold, as stored now; null for an unknown account. */
    async sessionAccount(id: string, now: Date): Promise<SessionAccount | null> {
      const [row] = await db
        .select({ role: agents.role, active: agents.active, sessionVersion: agents.sessionVersion })
        .from(agents)
        .where(eq(agents.id, id));
      if (!row) return null;
      const revoked = await db
        .select({ jti: revokedTokens.jti })
        .from(revokedTokens)
        .where(and(eq(revokedTokens.agentId, id), gt(revokedTokens.expiresAt, now)));
      return { ...row, role: row.role as Role, revokedTokenIds: revoked.map((r) => r.jti) };
    },
    /** Signs out one token until it expires; tokens past their expiry are forgotten meanwhile. */
    async revokeToken(token: { jti: string; agentId: string; expiresAt: Date }, now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(revokedTokens).values(token).onConflictDoNothing();
        await tx.delete(revokedTokens).where(lt(revokedTokens.expiresAt, now));
      });
    },
  };
}
