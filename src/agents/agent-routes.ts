import { z } from 'zod';
import type { ConversationService } from '../conversations/conversation-service.ts';
import { maskForRole, maskTurnForRole } from '../handoff/mask-for-role.ts';
import { fail } from '../platform/errors.ts';
import {
  agentIdParamsSchema,
  agentResponseSchema,
  agentSchema,
  agentsResponseSchema,
  createAgentBodySchema,
  loginBodySchema,
  loginResponseSchema,
  updateAgentBodySchema,
} from '../protocol/agent.ts';
import {
  agentPostMessageBodySchema,
  conversationIdParamsSchema,
  conversationResponseSchema,
  conversationSchema,
  customerSchema,
  messageResponseSchema,
  messageSchema,
} from '../protocol/conversation.ts';
import { consoleUser, type createRouter } from '../server/define-route.ts';
import type { AgentService } from './agent-service.ts';
import { assertOwner } from './assert-owner.ts';

type Router = ReturnType<typeof createRouter>;

const handBackBodySchema = z.strictObject({ summary: z.string().max(4000).optional() });

/** Console login, the agent's conversation actions, and the admin's account management. */
export function registerAgentRoutes(
  router: Router,
  agents: AgentService,
  conversations: ConversationService,
): void {
  router.route({
    method: 'POST',
    url: '/api/v1/auth/login',
    summary: 'Sign in to the console; returns a bearer token',
    tags: ['auth'],
    access: 'public',
    body: loginBodySchema,
    response: loginResponseSchema,
    handler: async ({ body }) => agents.login(body.email, body.password),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/me',
    summary: 'The signed-in console user',
    tags: ['auth'],
    access: 'console',
    response: agentResponseSchema,
    handler: async ({ caller }) => ({ agent: await agents.get(consoleUser(caller).agentId) }),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/agent/conversations',
    summary: 'Open conversations (with the bot, queued, assigned), most recent first',
    tags: ['console'],
    access: 'console',
    response: z.object({
      conversations: z.array(
        z.object({
          conversation: conversationSchema,
          customer: customerSchema.nullable(),
          lastMessage: messageSchema.nullable(),
        }),
      ),
    }),
    handler: async () => {
      const open = await conversations.listOpen();
      const last = await conversations.lastMessages(open.map((c) => c.id));
      const items = await Promise.all(
        open.map(async (conversation) => ({
          conversation,
          customer: await conversations.getCustomer(conversation.customerId),
          lastMessage: last.get(conversation.id) ?? null,
        })),
      );
      return { conversations: items };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/agent/conversations/:id',
    summary: 'A conversation with its customer, messages and the bot turns and decisions behind it',
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    response: z.object({
      conversation: conversationSchema,
      customer: customerSchema.nullable(),
      messages: z.array(messageSchema),
      turns: z.array(z.record(z.string(), z.unknown())),
    }),
    handler: async ({ params, caller }) => {
      const role = consoleUser(caller).role;
      const conversation = await conversations.get(params.id);
      const [customer, messages, turns] = await Promise.all([
        conversations.getCustomer(conversation.customerId),
        conversations.listMessages(params.id, 0, 5000),
        conversations.listTurns(params.id),
      ]);
      return {
        conversation,
        customer,
        messages: messages.map((m) => maskForRole(m, role)),
        turns: turns.map((t) => maskTurnForRole(t, role)),
      };
    },
  });

  const action = (
    path: string,
    summary: string,
    /** Whether only the assigned agent (or a supervisor or admin) may do it. */
    ownerOnly: boolean,
    run: (
      id: string,
      agent: { id: string; name: string; teams: string[] },
      body: { summary?: string },
    ) => Promise<unknown>,
  ) =>
    router.route({
      method: 'POST',
      url: `/api/v1/agent/conversations/:id/${path}`,
      summary,
      tags: ['console'],
      access: 'console',
      params: conversationIdParamsSchema,
      body: handBackBodySchema,
      response: conversationResponseSchema,
      handler: async ({ params, caller, body }) => {
        const agent = await agents.get(consoleUser(caller).agentId);
        if (ownerOnly) assertOwner(await conversations.get(params.id), agent);
        const conversation = (await run(params.id, agent, body)) as z.infer<typeof conversationSchema>;
        return { conversation };
      },
    });

  action('resolve', 'Mark the conversation resolved', true, (id, agent) => conversations.resolve(id, agent));
  action(
    'hand-back',
    'Hand the conversation back to the bot, with an optional summary',
    true,
    (id, agent, body) => conversations.handBack(id, agent, body.summary),
  );

  router.route({
    method: 'POST',
    url: '/api/v1/agent/conversations/:id/messages',
    summary: 'Reply to the customer, or add an internal note',
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    body: agentPostMessageBodySchema,
    response: messageResponseSchema,
    status: 201,
    handler: async ({ params, body, caller }) => {
      const agent = consoleUser(caller);
      const { message } = await conversations.postAgentMessage(
        params.id,
        { id: agent.agentId, role: agent.role },
        body.text,
        body.clientMessageId,
        body.internal ?? false,
      );
      return { message };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/admin/agents',
    summary: 'All console accounts',
    tags: ['admin'],
    access: 'admin',
    response: agentsResponseSchema,
    handler: async () => ({ agents: await agents.list() }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/admin/agents',
    summary: 'Create a console account',
    tags: ['admin'],
    access: 'admin',
    body: createAgentBodySchema,
    response: agentResponseSchema,
    status: 201,
    handler: async ({ body }) => ({ agent: await agents.create(body) }),
  });

  router.route({
    method: 'PATCH',
    url: '/api/v1/admin/agents/:id',
    summary: 'Change a console account (name, role, password, teams, skills, capacity, active)',
    tags: ['admin'],
    access: 'admin',
    params: agentIdParamsSchema,
    body: updateAgentBodySchema,
    response: z.object({ agent: agentSchema }),
    handler: async ({ params, body }) => ({ agent: await agents.update(params.id, body) }),
  });
}
