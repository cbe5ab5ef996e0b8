import { z } from 'zod';
import type { AgentService } from '../agents/agent-service.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  appointmentResponseSchema,
  appointmentsResponseSchema,
  bookAppointmentBodySchema,
  packParamsSchema,
  placesResponseSchema,
  slotsQuerySchema,
  slotsResponseSchema,
  teamParamsSchema,
} from '../protocol/appointment.ts';
import { conversationIdParamsSchema } from '../protocol/conversation.ts';
import type { AppointmentService } from './appointment-service.ts';

type Router = ReturnType<typeof createRouter>;

/** Slots, booking (by an agent in the console or a bot with an API key) and the branch's list of appointments. */
export function registerAppointmentRoutes(
  router: Router,
  deps: { appointments: AppointmentService; conversations: ConversationService; agents: AgentService },
): void {
  const { appointments } = deps;
  router.route({
    method: 'GET',
    url: '/api/v1/packs/:pack/places',
    summary: 'The teams of a pack that customers meet in a place (branches, offices), with where',
    tags: ['appointments'],
    access: 'public',
    params: packParamsSchema,
    response: placesResponseSchema,
    handler: async ({ params }) => ({ places: appointments.places(params.pack) }),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/teams/:team/slots',
    summary:
      'Free appointment slots of a team in a place (a branch, an office), from its opening hours less what is booked',
    tags: ['appointments'],
    access: 'public',
    params: teamParamsSchema,
    query: slotsQuerySchema,
    response: slotsResponseSchema,
    handler: async ({ params, query }) => appointments.slots(query.pack, params.team),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/appointments',
    summary:
      "A bot books an appointment for the conversation's customer (x-api-key); the customer is sent a confirmation in the conversation",
    tags: ['appointments'],
    access: 'apiKey',
    params: conversationIdParamsSchema,
    body: bookAppointmentBodySchema,
    response: appointmentResponseSchema,
    status: 201,
    handler: async ({ params, body }) => ({ appointment: await appointments.book(params.id, body, 'bot') }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/agent/conversations/:id/appointments',
    summary:
      'The agent on the conversation (or a supervisor) books an appointment for its customer; the customer is sent a confirmation',
    tags: ['appointments', 'console'],
    access: 'console',
    params: conversationIdParamsSchema,
    body: bookAppointmentBodySchema,
    response: appointmentResponseSchema,
    status: 201,
    handler: async ({ params, body, caller }) => {
      const user = consoleUser(caller);
      const conversation = await deps.conversations.get(params.id);
      if (user.role === 'agent' && conversation.assigneeId !== user.agentId)
        fail('FORBIDDEN', 'take the conversation before booking an appointment for its customer');
      return { appointment: await appointments.book(params.id, body, user.agentId) };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/agent/appointments',
    summary:
      "Upcoming appointments of the signed-in user's teams (every team for supervisors and admins), soonest first; each opens its conversation with the customer's whole timeline",
    tags: ['appointments', 'console'],
    access: 'console',
    query: z.strictObject({}),
    response: appointmentsResponseSchema,
    handler: async ({ caller }) => {
      const user = consoleUser(caller);
      const teams = user.role === 'agent' ? (await deps.agents.get(user.agentId)).teams : null;
      return { appointments: await appointments.upcoming(teams) };
    },
  });
}
