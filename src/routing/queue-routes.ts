import { z } from 'zod';
import type { AgentService } from '../agents/agent-service.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import { agentResponseSchema } from '../protocol/agent.ts';
import { conversationIdParamsSchema, conversationResponseSchema } from '../protocol/conversation.ts';
import type { RoutingService } from './routing-service.ts';

type Router = ReturnType<typeof createRouter>;

const refusalSchema = z.object({
  conversationId: z.string(),
  team: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  /** `declined` by the agent, or `expired`: the agent missed it. */
  kind: z.enum(['declined', 'expired']),
  at: z.string(),
});

/** Picking conversations up by hand, and what the team queue shows about refused offers. */
export function registerQueueRoutes(router: Router, routing: RoutingService, agents: AgentService) {
  router.route({
    method: 'POST',
    url: '/api/v1/agent/conversations/:id/take',
    summary:
      'Take the conversation over from the bot or the queue: agents within their teams and capacity; supervisors and admins may override both (logged)',
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    body: z.strictObject({}),
    response: conversationResponseSchema,
    handler: async ({ params, caller }) => ({
      conversation: await routing.take(params.id, await agents.get(consoleUser(caller).agentId)),
    }),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/agent/queue/refusals',
    summary:
      'Who declined or missed each conversation waiting now: of your teams (agents), of every team (supervisors, admins)',
    tags: ['console'],
    access: 'console',
    response: z.object({ refusals: z.array(refusalSchema) }),
    handler: async ({ caller }) => {
      const user = consoleUser(caller);
      const teams = user.role === 'agent' ? (await agents.get(user.agentId)).teams : null;
      const refusals = await routing.queueRefusals(teams);
      return { refusals: refusals.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  });

  router.route({
    method: 'PUT',
    url: '/api/v1/agent/me/teams',
    summary:
      "Supervisors and admins choose the teams whose chats they take (agents' teams are set by an admin); empty to take none",
    tags: ['console'],
    access: 'supervisor',
    body: z.strictObject({ teams: z.array(z.string().min(1).max(64)).max(50) }),
    response: agentResponseSchema,
    handler: async ({ body, caller }) => {
      const known = new Set((await routing.listTeams()).map((t) => t.id));
      const unknown = body.teams.filter((t) => !known.has(t));
      if (unknown.length > 0) fail('VALIDATION_FAILED', `no team ${unknown.join(', ')}`);
      const me = consoleUser(caller).agentId;
      const agent = await agents.update(me, { teams: [...new Set(body.teams)] }, me);
      await routing.membershipChanged();
      return { agent };
    },
  });
}
