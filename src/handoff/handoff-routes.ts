import { z } from 'zod';
import type { ConversationService } from '../conversations/conversation-service.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import type { ViewConfigInput } from '../protocol/context-package.ts';
import { contextViewSchema } from '../protocol/context-package.ts';
import {
  authorKindSchema,
  conversationIdParamsSchema,
  createConversationBodySchema,
  createConversationResponseSchema,
  prioritySchema,
} from '../protocol/conversation.ts';
import { contextLimits, freeformObject } from '../protocol/freeform-object.ts';
import type { ContextPackageStore } from './context-package-store.ts';
import { viewForRole } from './view-for-role.ts';

type Router = ReturnType<typeof createRouter>;

const externalHandoffBodySchema = z.strictObject({
  pack: z.string().min(1).max(64),
  channel: z.string().min(1).max(32).optional(),
  customer: createConversationBodySchema.shape.customer,
  /** The conversation so far, as the external bot saw it. */
  transcript: z
    .array(
      z.strictObject({
        author: authorKindSchema,
        text: z.string().min(1).max(20_000),
        at: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .min(1)
    .max(500),
  team: z.string().min(1).max(64).optional(),
  priority: prioritySchema.default('normal'),
  /** Why the external bot hands off, one line each (shown to the agent). */
  reasons: z.array(z.string().min(1).max(500)).max(20).default([]),
  /** The external bot's own context (intent, slots, ...), kept as given for the agent. */
  context: freeformObject(contextLimits).default({}),
  source: z.string().min(1).max(64).default('external bot'),
});

/** The context package for agents (role views, audited reveal) and handoffs from someone else's bot. */
export function registerHandoffRoutes(
  router: Router,
  deps: {
    conversations: ConversationService;
    packages: ContextPackageStore;
    views: (pack: string) => ViewConfigInput;
    defaultTeam: (pack: string) => string | null;
    /** The team ids of a pack (empty for an unknown pack). */
    packTeams: (pack: string) => string[];
    agentTeams: (agentId: string) => Promise<string[]>;
    /** Waits for packages still being built, so a fresh handoff's package is there. */
    settle: () => Promise<void>;
    now: () => Date;
  },
) {
  router.route({
    method: 'GET',
    url: '/api/v1/agent/conversations/:id/context',
    summary: "The handoff context package, as the signed-in user's team and role may see it",
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    response: z.object({ context: contextViewSchema.nullable(), handoffs: z.number().int() }),
    handler: async ({ params, caller }) => {
      const agent = consoleUser(caller);
      const conversation = await deps.conversations.get(params.id);
      await deps.settle();
      const stored = await deps.packages.get(params.id);
      if (!stored) return { context: null, handoffs: 0 };
      const teams = await deps.agentTeams(agent.agentId);
      const team = conversation.team && teams.includes(conversation.team) ? conversation.team : teams[0];
      const context = viewForRole(stored.package, deps.views(conversation.pack), { role: agent.role, team });
      return { context, handoffs: stored.seq };
    },
  });

  router.route({
    method: 'POST',
    url: '/api/v1/agent/conversations/:id/reveal',
    summary: 'Reveal one redacted value of the context package (supervisors and admins; audited)',
    tags: ['console'],
    access: 'console',
    params: conversationIdParamsSchema,
    body: z.strictObject({ token: z.string().min(1).max(100), reason: z.string().min(3).max(500) }),
    response: z.object({ token: z.string(), type: z.string(), value: z.string() }),
    handler: async ({ params, body, caller }) => {
      const agent = consoleUser(caller);
      await deps.settle();
      const revealed = await deps.packages.reveal({
        conversationId: params.id,
        token: body.token,
        reason: body.reason,
        actor: { id: agent.agentId, role: agent.role },
        now: deps.now(),
      });
      return { token: revealed.token, type: revealed.type, value: revealed.value };
    },
  });

  router.route({
    method: 'POST',
    url: '/api/v1/handoffs',
    summary: "Hand a conversation from someone else's bot (Dialogflow, Rasa, an LLM agent) to Baton's agents",
    tags: ['handoffs'],
    access: 'apiKey',
    body: externalHandoffBodySchema,
    response: createConversationResponseSchema,
    status: 201,
    handler: async ({ body }) => {
      const team = body.team ?? deps.defaultTeam(body.pack);
      if (!team) fail('PACK_NOT_FOUND', `no pack "${body.pack}"`);
      const known = deps.packTeams(body.pack);
      if (!known.includes(team))
        fail('VALIDATION_FAILED', `pack "${body.pack}" has no team "${team}" (teams: ${known.join(', ')})`);
      const reasons =
        body.reasons.length > 0
          ? body.reasons.map((r) => `${body.source}: ${r}`)
          : [`Handed over by ${body.source}.`];
      // Everything was validated above; the conversation, its transcript, the note and the handoff are one
      // transaction, so a refusal at any step leaves no conversation behind.
      const { conversation, customerToken } = await deps.conversations.start({
        pack: body.pack,
        channel: body.channel,
        customer: body.customer,
        with: async (change) => {
          await change.append(
            body.transcript.map((entry, i) => ({
              authorKind: entry.author,
              authorId: null,
              text: entry.text,
              clientMessageId: `import:${i}`,
              metadata: { imported: true, source: body.source, ...(entry.at && { at: entry.at }) },
            })),
          );
          await change.note(
            `Handed over by ${body.source}${body.reasons[0] ? `: ${body.reasons[0]}` : ''}`,
            { event: 'external_handoff', source: body.source, context: body.context },
            true,
          );
        },
        apply: { type: 'handoff', team, priority: body.priority, reasons },
      });
      return { conversation, customerToken };
    },
  });
}
