import { z } from 'zod';
import { assertConversationAccess } from '../conversations/conversation-routes.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import {
  csatBodySchema,
  csatResponseSchema,
  csatSchema,
  labelBodySchema,
  labelResponseSchema,
  labelSchema,
} from '../protocol/analytics.ts';
import { conversationIdParamsSchema, conversationResponseSchema } from '../protocol/conversation.ts';
import type { FeedbackService } from './feedback-service.ts';

type Router = ReturnType<typeof createRouter>;

/** The customer's rating and ending, and the agents' handoff labels. */
export function registerFeedbackRoutes(router: Router, feedback: FeedbackService): void {
  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/csat',
    summary: 'Rate an ended conversation 1-5 with an optional comment; a new rating within 24 h replaces it',
    tags: ['conversations'],
    access: 'customer',
    params: conversationIdParamsSchema,
    body: csatBodySchema,
    response: csatResponseSchema,
    handler: async ({ params, body, caller }) => {
      assertConversationAccess(caller, params.id);
      return { csat: await feedback.rate(params.id, body.rating, body.comment || null) };
    },
  });
  router.route({
    method: 'GET',
    url: '/api/v1/conversations/:id/csat',
    summary: "The conversation's rating, or null",
    tags: ['conversations'],
    access: 'customerOrConsole',
    params: conversationIdParamsSchema,
    response: z.object({ csat: csatSchema.nullable() }),
    handler: async ({ params, caller }) => {
      assertConversationAccess(caller, params.id);
      return { csat: await feedback.getCsat(params.id) };
    },
  });
  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/end',
    summary: 'The customer ends a conversation the assistant holds (it becomes resolved and can be rated)',
    tags: ['conversations'],
    access: 'customer',
    params: conversationIdParamsSchema,
    response: conversationResponseSchema,
    handler: async ({ params, caller }) => {
      assertConversationAccess(caller, params.id);
      return { conversation: await feedback.end(params.id) };
    },
  });
  router.route({
    method: 'POST',
    url: '/api/v1/agent/conversations/:id/label',
    summary:
      'Label the handoff: was a person needed (or could the bot have handled it), and was the reason right',
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    body: labelBodySchema,
    response: labelResponseSchema,
    handler: async ({ params, body, caller }) => ({
      label: await feedback.label(params.id, consoleUser(caller).agentId, body),
    }),
  });
  router.route({
    method: 'GET',
    url: '/api/v1/agent/conversations/:id/label',
    summary: "The handoff's label, or null",
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    response: z.object({ label: labelSchema.nullable() }),
    handler: async ({ params }) => ({ label: await feedback.getLabel(params.id) }),
  });
}
