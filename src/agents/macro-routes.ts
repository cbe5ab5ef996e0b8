import { asc, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditedChange } from '../audit/audit-log.ts';
import { actorOf } from '../audit/audit-routes.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { storableText } from '../protocol/conversation.ts';
import { teams } from '../routing/routing.tables.ts';
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
const macroPatchSchema = z
  .strictObject({
    title: macroBodySchema.shape.title.optional(),
    text: macroBodySchema.shape.text.optional(),
    team: z.string().min(1).max(64).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
const idParams = z.strictObject({ id: storableText(100) });
const toMacro = ({ createdAt: _, ...m }: typeof macros.$inferSelect) => m;

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
export function registerMacroRoutes(router: Router, db: Db, agents: AgentService, audited: AuditedChange) {
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
      return { macros: rows.map(toMacro) };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/admin/macros',
    summary: "Every canned reply, or one team's (team=- for those shared by every team)",
    tags: ['admin'],
    access: 'supervisor',
    query: z.strictObject({ team: z.string().min(1).max(64).optional() }),
    response: z.object({ macros: z.array(macroSchema) }),
    handler: async ({ query }) => {
      const rows = await db
        .select()
        .from(macros)
        .where(
          query.team === undefined
            ? undefined
            : query.team === '-'
              ? isNull(macros.team)
              : eq(macros.team, query.team),
        )
        .orderBy(asc(macros.team), asc(macros.title));
      return { macros: rows.map(toMacro) };
    },
  });

  /** Refuses a macro for a team that does not exist (it would reach nobody). */
  const assertTeam = async (team: string | null | undefined) => {
    if (!team) return;
    const [found] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, team));
    if (!found)
      fail('VALIDATION_FAILED', `invalid body: team: no team ${team}`, [
        { path: 'team', message: `no team ${team}` },
      ]);
  };

  router.route({
    method: 'POST',
    url: '/api/v1/admin/macros',
    summary: 'Add a canned reply (for one team, or everyone when team is null)',
    tags: ['admin'],
    access: 'supervisor',
    body: macroBodySchema,
    response: z.object({ macro: macroSchema }),
    status: 201,
    handler: async ({ body, caller }) => {
      await assertTeam(body.team);
      const id = newId('mac');
      const macro = await audited(
        { area: 'macros', subject: id, action: 'create', actor: actorOf(caller) },
        async (tx) => {
          const [row] = await tx
            .insert(macros)
            .values({ id, ...body })
            .returning();
          const created = toMacro(row!);
          return { result: created, before: null, after: created };
        },
      );
      return { macro };
    },
  });

  router.route({
    method: 'PATCH',
    url: '/api/v1/admin/macros/:id',
    summary: "Change a canned reply's title, text or team",
    tags: ['admin'],
    access: 'supervisor',
    params: idParams,
    body: macroPatchSchema,
    response: z.object({ macro: macroSchema }),
    handler: async ({ params, body, caller }) => {
      await assertTeam(body.team);
      const macro = await audited(
        { area: 'macros', subject: params.id, action: 'update', actor: actorOf(caller) },
        async (tx) => {
          const [before] = await tx.select().from(macros).where(eq(macros.id, params.id));
          if (!before) fail('NOT_FOUND', `no macro ${params.id}`);
          const [row] = await tx.update(macros).set(body).where(eq(macros.id, params.id)).returning();
          const after = toMacro(row!);
          return { result: after, before: toMacro(before), after };
        },
      );
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
    handler: async ({ params, caller }) => {
      await audited(
        { area: 'macros', subject: params.id, action: 'delete', actor: actorOf(caller) },
        async (tx) => {
          const [row] = await tx.delete(macros).where(eq(macros.id, params.id)).returning();
          if (!row) fail('NOT_FOUND', `no macro ${params.id}`);
          return { result: null, before: toMacro(row), after: null };
        },
      );
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
