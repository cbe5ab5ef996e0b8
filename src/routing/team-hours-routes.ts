import { z } from 'zod';
import type { AgentService } from '../agents/agent-service.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import type { BusinessHours } from './business-hours.ts';
import { describeTeamHours } from './describe-team-hours.ts';
import type { RoutingService } from './routing-service.ts';

type Router = ReturnType<typeof createRouter>;

const teamHoursSchema = z.object({
  team: z.string(),
  name: z.string(),
  open: z.boolean(),
  /** When a closed team opens again (null while open, or when no opening lies within the week). */
  opensAt: z.string().nullable(),
});

/** Whether the caller's teams are open, so the console can say why nothing is offered ("Lending is closed until…"). */
export function registerTeamHoursRoutes(
  router: Router,
  routing: RoutingService,
  agents: AgentService,
  now: () => Date,
) {
  router.route({
    method: 'GET',
    url: '/api/v1/agent/me/team-hours',
    summary: "Open or closed now for each of the caller's teams, and when a closed one opens",
    tags: ['console'],
    access: 'console',
    response: z.object({ now: z.string(), teams: z.array(teamHoursSchema) }),
    handler: async ({ caller }) => {
      const [teams, me] = await Promise.all([routing.listTeams(), agents.get(consoleUser(caller).agentId)]);
      const at = now();
      const status = describeTeamHours(
        teams.map((t) => ({ ...t, businessHours: t.businessHours as BusinessHours | null })),
        me.teams,
        at,
      );
      return {
        now: at.toISOString(),
        teams: status.map((s) => ({ ...s, opensAt: s.opensAt?.toISOString() ?? null })),
      };
    },
  });
}
