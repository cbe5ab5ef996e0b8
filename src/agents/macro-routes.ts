import { asc, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { storableText } from '../protocol/conversation.ts';
import type { AgentService } from './agent-service.ts';
import { macros } from './macro.tables.ts';

type Router = ReturnType<typeof createRouter>;

const macroSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  team: z.string().nullable(),
});
const macroBodySchema = z.strictObject({
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(4000),
  team: z.string().min(1).max(64).nullable().default(null),
});
const idParams = z.strictObject({ id: storableText(100) });

/** Macros everyone starts with; teams add their own through the API. */
export const starterMacros = [
  {
    title: 'Greeting',
    text: "Hi, thanks for your patience. I've read through your conversation with our assistant, so you won't need to repeat anything.",
  },
  {
    title: 'Verify identity',
    text: 'Before I look into your account, could you confirm the last four digits of the card or account and your date of birth?',
  },
  { title: 'Checking', text: "Thanks, I'm looking into this now; it may take a minute or two." },
  {
    title: 'Closing',
    text: 'Is there anything else I can help you with today? If not, I will close this conversation. Have a good day!',
  },
];

/** Canned replies: agents read those of their teams; supervisors and admins manage them. */
export function registerMacroRoutes(router: Router, db: Db, agents: AgentService) {
  router.route({
    method: 'GET',
    url: '/api/v1/agent/macros',
    summary: "Canned replies for the signed-in agent's teams (and everyone's)",
    tags: ['console'],
    access: 'console',
    response: z.object({ macros: z.array(macroSchema) }),
    handler: async ({ caller }) => {
      const agent = await agents.get(consoleUser(caller).agentId);
      const rows = await db
        .select()
        .from(macros)
        .where(
          agent.teams.length > 0
            ? or(
                isNull(macros.team),
                sql`${macros.team} in (${sql.join(
                  agent.teams.map((t) => sql`${t}`),
                  sql`, `,
                )})`,
              )
            : isNull(macros.team),
        )
        .orderBy(asc(macros.title));
      return { macros: rows.map(({ createdAt: _, ...m }) => m) };
    },
  });

  router.route({
    method: 'POST',
    url: '/api/v1/admin/macros',
    summary: 'Add a canned reply (for one team, or everyone when team is null)',
    tags: ['admin'],
    access: 'supervisor',
    body: macroBodySchema,
    response: z.object({ macro: macroSchema }),
    status: 201,
    handler: async ({ body }) => {
      const [row] = await db
        .insert(macros)
        .values({ id: newId('mac'), ...body })
        .returning();
      const { createdAt: _, ...macro } = row!;
      return { macro };
    },
  });

  router.route({
    method: 'DELETE',
    url: '/api/v1/admin/macros/:id',
    summary: 'Remove a canned reply',
    tags: ['admin'],
    access: 'supervisor',
    params: idParams,
    response: z.object({ deleted: z.literal(true) }),
    handler: async ({ params }) => {
      const [row] = await db.delete(macros).where(eq(macros.id, params.id)).returning();
      if (!row) fail('NOT_FOUND', `no macro ${params.id}`);
      return { deleted: true as const };
    },
  });
}

/** Adds the starter macros to an empty table. */
export async function seedMacros(db: Db): Promise<void> {
  const [existing] = await db.select({ id: macros.id }).from(macros).limit(1);
  if (existing) return;
  await db.insert(macros).values(starterMacros.map((m) => ({ id: newId('mac'), ...m, team: null })));
}
