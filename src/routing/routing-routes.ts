import { z } from 'zod';
import type { AgentService } from '../agents/agent-service.ts';
import { assertOwner } from '../agents/assert-owner.ts';
import { actorOf } from '../audit/audit-routes.ts';
import { assertConversationAccess } from '../conversations/conversation-routes.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  conversationIdParamsSchema,
  conversationResponseSchema,
  storableText,
} from '../protocol/conversation.ts';
import { offerSchema } from '../protocol/ws.ts';
import type { RoutingService } from './routing-service.ts';

/** One day's opening hours: ranges as HH:MM-HH:MM in the team's zone. */
const dayHoursSchema = z.array(
  z
    .string()
    .regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'use HH:MM-HH:MM')
    .refine((range) => range.slice(0, 5) < range.slice(6), 'a range must close after it opens'),
);

type Router = ReturnType<typeof createRouter>;

const idParams = z.strictObject({ id: storableText(100) });
const slug = z.string().min(1).max(64);

const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
  businessHours: z.record(z.string(), z.unknown()).nullable(),
  autoAccept: z.boolean(),
  offerTimeoutSeconds: z.number().int(),
  overflowTeam: z.string().nullable(),
  overflowAfterSeconds: z.number().int().nullable(),
  relaxSkillsAfterSeconds: z.number().int().nullable(),
  slaSeconds: z.record(z.string(), z.number()),
  strategy: z.string(),
});

const updateTeamBodySchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    skills: z.array(slug).max(100).optional(),
    businessHours: z
      .strictObject({
        timezone: z
          .string()
          .min(1)
          .refine((tz) => {
            try {
              new Intl.DateTimeFormat('en', { timeZone: tz });
              return true;
            } catch {
              return false;
            }
          }, 'unknown time zone'),
        // Every day named (as a record with enum keys requires), declared so OpenAPI lists each property.
        weekly: z.strictObject({
          mon: dayHoursSchema,
          tue: dayHoursSchema,
          wed: dayHoursSchema,
          thu: dayHoursSchema,
          fri: dayHoursSchema,
          sat: dayHoursSchema,
          sun: dayHoursSchema,
        }),
        holidays: z
          .array(
            z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().optional() }),
          )
          .default([]),
      })
      .nullable()
      .optional(),
    autoAccept: z.boolean().optional(),
    offerTimeoutSeconds: z.number().int().min(5).max(600).optional(),
    overflowTeam: slug.nullable().optional(),
    overflowAfterSeconds: z.number().int().min(10).nullable().optional(),
    relaxSkillsAfterSeconds: z.number().int().min(10).nullable().optional(),
    slaSeconds: z
      .strictObject({
        normal: z.number().int().min(10),
        high: z.number().int().min(10),
        urgent: z.number().int().min(10),
      })
      .optional(),
    strategy: z.enum(['least_busy', 'round_robin']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

const ticketSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  team: z.string().nullable(),
  kind: z.string(),
  contact: z.string().nullable(),
  callbackAt: z.string().nullable(),
  note: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
});
type TicketRow = { callbackAt: Date | null; createdAt: Date } & Omit<
  z.infer<typeof ticketSchema>,
  'callbackAt' | 'createdAt'
>;
const toTicket = (t: TicketRow) => ({
  ...t,
  callbackAt: t.callbackAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

/** Offers, presence, transfers, tickets, customer cancel, and the admin's team settings. */
export function registerRoutingRoutes(
  router: Router,
  routing: RoutingService,
  agents: AgentService,
  conversations: ConversationService,
) {
  router.route({
    method: 'GET',
    url: '/api/v1/agent/offers',
    summary: 'Offers waiting for the signed-in agent',
    tags: ['console'],
    access: 'console',
    response: z.object({ offers: z.array(offerSchema) }),
    handler: async ({ caller }) => ({ offers: await routing.pendingOffers(consoleUser(caller).agentId) }),
  });
  router.route({
    method: 'POST',
    url: '/api/v1/agent/offers/:id/accept',
    summary: 'Accept an offer: the conversation is assigned to you',
    tags: ['console'],
    access: 'console',
    params: idParams,
    response: conversationResponseSchema,
    handler: async ({ params, caller }) => ({
      conversation: await routing.accept(params.id, consoleUser(caller).agentId),
    }),
  });
  router.route({
    method: 'POST',
    url: '/api/v1/agent/offers/:id/decline',
    summary: 'Decline an offer: it moves on to another agent',
    tags: ['console'],
    access: 'console',
    params: idParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ params, caller }) => {
      await routing.decline(params.id, consoleUser(caller).agentId);
      return { ok: true as const };
    },
  });
  router.route({
    method: 'POST',
    url: '/api/v1/agent/presence',
    summary: 'Set your presence; going away or offline requeues your conversations at the front',
    tags: ['console'],
    access: 'console',
    body: z.strictObject({ status: z.enum(['online', 'away', 'offline']) }),
    response: z.object({ status: z.string() }),
    handler: async ({ body, caller }) => {
      await routing.setPresence(consoleUser(caller).agentId, body.status);
      return { status: body.status };
    },
  });
  router.route({
    method: 'POST',
    url: '/api/v1/agent/conversations/:id/transfer',
    summary: 'Transfer to a team or an agent, with an internal note the receiver sees',
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    body: z
      .strictObject({
        team: slug.optional(),
        agentId: z.string().min(1).max(100).optional(),
        note: z.string().min(1).max(4000),
      })
      .refine((b) => b.team !== undefined || b.agentId !== undefined, 'give a team or an agentId'),
    response: conversationResponseSchema,
    handler: async ({ params, body, caller }) => {
      const agent = await agents.get(consoleUser(caller).agentId);
      assertOwner(await conversations.get(params.id), agent);
      return {
        conversation: await routing.transfer(
          params.id,
          agent,
          { team: body.team, agentId: body.agentId },
          body.note,
        ),
      };
    },
  });
  router.route({
    method: 'GET',
    url: '/api/v1/agent/tickets',
    summary: 'Open messages and callback requests left by customers',
    tags: ['console'],
    access: 'console',
    response: z.object({ tickets: z.array(ticketSchema) }),
    handler: async () => ({ tickets: (await routing.listTickets()).map(toTicket) }),
  });
  router.route({
    method: 'POST',
    url: '/api/v1/agent/tickets/:id/close',
    summary: 'Close a ticket once handled',
    tags: ['console'],
    access: 'console',
    params: idParams,
    response: z.object({ ticket: ticketSchema }),
    handler: async ({ params }) => ({
      ticket: toTicket((await routing.closeTicket(params.id)) ?? fail('NOT_FOUND', `no ticket ${params.id}`)),
    }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/cancel',
    summary: 'The customer stops waiting for a person; the assistant continues',
    tags: ['conversations'],
    access: 'customer',
    params: conversationIdParamsSchema,
    response: conversationResponseSchema,
    handler: async ({ params, caller }) => {
      assertConversationAccess(caller, params.id);
      const conversation = await conversations.apply(
        params.id,
        { type: 'cancel_waiting' },
        {
          with: async (change) => {
            await change.note("You've left the queue. I'm still here if you need anything.", {
              event: 'cancelled_waiting',
            });
          },
        },
      );
      return { conversation };
    },
  });
  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/ticket',
    summary: 'Leave a message (email) or ask for a callback when nobody can take the conversation now',
    tags: ['conversations'],
    access: 'customer',
    params: conversationIdParamsSchema,
    body: z
      .strictObject({
        kind: z.enum(['message', 'callback']),
        email: z.email().max(320).optional(),
        phone: z.string().min(5).max(40).optional(),
        callbackAt: z.iso.datetime({ offset: true }).optional(),
        note: z.string().max(4000).optional(),
      })
      .refine(
        (b) => (b.kind === 'message' ? b.email !== undefined : b.phone !== undefined),
        'a message needs an email; a callback needs a phone',
      ),
    response: z.object({ ticket: ticketSchema }),
    status: 201,
    handler: async ({ params, body, caller }) => {
      assertConversationAccess(caller, params.id);
      const ticket = await routing.leaveTicket(params.id, {
        kind: body.kind,
        contact: body.email ?? body.phone ?? null,
        callbackAt: body.callbackAt ? new Date(body.callbackAt) : null,
        note: body.note ?? null,
      });
      return { ticket: toTicket(ticket) };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/agent/transfer-targets',
    summary: 'Teams and agents a conversation can be transferred to, with who is online',
    tags: ['console'],
    access: 'console',
    response: z.object({
      teams: z.array(z.object({ id: z.string(), name: z.string() })),
      agents: z.array(
        z.object({ id: z.string(), name: z.string(), teams: z.array(z.string()), online: z.boolean() }),
      ),
    }),
    handler: async () => {
      const [teams, everyone, online] = await Promise.all([
        routing.listTeams(),
        agents.list(),
        routing.onlineAgentIds(),
      ]);
      return {
        teams: teams.map((t) => ({ id: t.id, name: t.name })),
        agents: everyone
          .filter((a) => a.active && a.role === 'agent')
          .map((a) => ({ id: a.id, name: a.name, teams: a.teams, online: online.has(a.id) })),
      };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/supervisor/queues',
    summary:
      'Live queues per team: depth, oldest wait, agents online, free capacity, SLA at risk and breached',
    tags: ['supervisor'],
    access: 'supervisor',
    response: z.object({
      queues: z.array(
        z.object({
          team: z.string(),
          name: z.string(),
          open: z.boolean(),
          depth: z.number().int(),
          oldestWaitSeconds: z.number().int(),
          agentsOnline: z.number().int(),
          freeSlots: z.number().int(),
          slaAtRisk: z.number().int(),
          slaBreached: z.number().int(),
        }),
      ),
    }),
    handler: async () => ({ queues: await routing.liveQueues() }),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/admin/teams',
    summary: 'Teams and their routing settings',
    tags: ['admin'],
    access: 'supervisor',
    response: z.object({ teams: z.array(teamSchema) }),
    handler: async () => ({ teams: await routing.listTeams() }),
  });
  router.route({
    method: 'PATCH',
    url: '/api/v1/admin/teams/:id',
    summary:
      'Change a team: skills, business hours, auto-accept, offer timeout, overflow, SLA targets, strategy',
    tags: ['admin'],
    access: 'admin',
    params: idParams,
    body: updateTeamBodySchema,
    response: z.object({ team: teamSchema }),
    handler: async ({ params, body, caller }) => ({
      team: await routing.updateTeam(
        params.id,
        body as Parameters<RoutingService['updateTeam']>[1],
        actorOf(caller),
      ),
    }),
  });
}
