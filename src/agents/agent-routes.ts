import { z } from 'zod';
import { actorOf } from '../audit/audit-routes.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import { decodeInboxCursor, encodeInboxCursor } from '../conversations/inbox-cursor.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  agentIdParamsSchema,
  agentResponseSchema,
  agentSchema,
  agentsResponseSchema,
  createAgentBodySchema,
  loginBodySchema,
  loginResponseSchema,
  logoutBodySchema,
  logoutResponseSchema,
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
import { scopeInbox } from '../protocol/scope-inbox.ts';
import type { AgentService } from './agent-service.ts';
import { assertOwner } from './assert-owner.ts';

type Router = ReturnType<typeof createRouter>;

const handBackBodySchema = z.strictObject({ summary: z.string().max(4000).optional() });
const inboxQuerySchema = z.strictObject({
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('nextCursor of the previous page: the next conversations the bot holds'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('conversations the bot holds per page'),
  scope: z
    .enum(['teams', 'all'])
    .optional()
    .describe(
      "teams: the caller's teams and their own conversations (agents' default); all: every team, supervisors and admins only (their default)",
    ),
});

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
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'Sign out this token (or, with everywhere, every session of the account); open sockets close',
    tags: ['auth'],
    access: 'console',
    body: logoutBodySchema,
    response: logoutResponseSchema,
    handler: async ({ caller, body }) => {
      await agents.signOut(consoleUser(caller), body.everywhere);
      return { signedOut: true as const };
    },
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
    summary:
      'The inbox: every queued and assigned conversation (most urgent, longest waiting first) on the first page, then the conversations the bot holds, newest first, a page at a time',
    tags: ['console'],
    access: 'console',
    query: inboxQuerySchema,
    response: z.object({
      conversations: z.array(
        z.object({
          conversation: conversationSchema,
          customer: customerSchema.nullable(),
          lastMessage: messageSchema.nullable(),
        }),
      ),
      /** Pass as `cursor` for the next page of conversations the bot holds; null on the last page. */
      nextCursor: z.string().nullable(),
    }),
    handler: async ({ query, caller }) => {
      const user = consoleUser(caller);
      const me = await agents.get(user.agentId);
      const cursor =
        query.cursor === undefined
          ? null
          : (decodeInboxCursor(query.cursor) ??
            fail('VALIDATION_FAILED', 'invalid query: cursor: not a cursor this server handed out'));
      // Nobody waiting for a person is ever paged away: they all come first, whatever their number.
      const withPeople = cursor ? [] : await conversations.listWithPeople();
      const withBot = await conversations.listWithBot(cursor, query.limit);
      const scoped = scopeInbox(
        [...withPeople, ...withBot.conversations],
        { agentId: me.id, role: me.role, teams: me.teams },
        query.scope ?? (me.role === 'agent' ? 'teams' : 'all'),
      );
      if (scoped.kind === 'refused') fail('FORBIDDEN', scoped.reason);
      const open = scoped.items;
      const [last, customers] = await Promise.all([
        conversations.lastMessages(open.map((c) => c.id)),
        conversations.getCustomers(open.map((c) => c.customerId)),
      ]);
      const items = open.map((conversation) => ({
        conversation,
        customer: customers.get(conversation.customerId) ?? null,
        lastMessage: last.get(conversation.id) ?? null,
      }));
      return { conversations: items, nextCursor: withBot.next && encodeInboxCursor(withBot.next) };
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
    handler: async ({ params }) => {
      const conversation = await conversations.get(params.id);
      const [customer, messages, turns] = await Promise.all([
        conversations.getCustomer(conversation.customerId),
        conversations.listMessages(params.id, 0, 5000),
        conversations.listTurns(params.id),
      ]);
      return { conversation, customer, messages, turns };
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
      const { name } = await agents.get(agent.agentId);
      const { message } = await conversations.postAgentMessage(
        params.id,
        { id: agent.agentId, role: agent.role, name },
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
    handler: async ({ body, caller }) => ({ agent: await agents.create(body, actorOf(caller)) }),
  });

  router.route({
    method: 'PATCH',
    url: '/api/v1/admin/agents/:id',
    summary:
      'Change a console account (name, role, password, teams, skills, capacity, active); a new password, role or deactivation ends its sessions',
    tags: ['admin'],
    access: 'admin',
    params: agentIdParamsSchema,
    body: updateAgentBodySchema,
    response: z.object({ agent: agentSchema }),
    handler: async ({ params, body, caller }) => ({
      agent: await agents.update(params.id, body, actorOf(caller)),
    }),
  });
}
