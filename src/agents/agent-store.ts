import { asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { Agent, Role } from '../protocol/agent.ts';
import { agents } from './agent.tables.ts';

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

/** Console users and their password hashes. */
export type AgentStore = ReturnType<typeof createAgentStore>;

export function createAgentStore(db: Db) {
  return {
    async insert(agent: Agent & { passwordHash: string }): Promise<Agent> {
      const [row] = await db.insert(agents).values(agent).returning();
      return toAgent(row!);
    },
    async findByEmail(email: string): Promise<(Agent & { passwordHash: string }) | null> {
      const [row] = await db.select().from(agents).where(eq(agents.email, email.toLowerCase()));
      return row ? { ...toAgent(row), passwordHash: row.passwordHash } : null;
    },
    async get(id: string): Promise<Agent | null> {
      const [row] = await db.select().from(agents).where(eq(agents.id, id));
      return row ? toAgent(row) : null;
    },
    async list(): Promise<Agent[]> {
      return (await db.select().from(agents).orderBy(asc(agents.email))).map(toAgent);
    },
    async update(
      id: string,
      patch: Partial<Omit<Agent, 'id' | 'email'>> & { passwordHash?: string },
    ): Promise<Agent | null> {
      const [row] = await db.update(agents).set(patch).where(eq(agents.id, id)).returning();
      return row ? toAgent(row) : null;
    },
    async count(): Promise<number> {
      return (await db.select({ id: agents.id }).from(agents)).length;
    },
  };
}
