import { z } from 'zod';
import type { IdentityVerifier } from '../channels/verify-identity.ts';
import type { Caller, createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  afterQuerySchema,
  conversationIdParamsSchema,
  conversationResponseSchema,
  createConversationBodySchema,
  createConversationResponseSchema,
  describeCustomerBodySchema,
  type Message,
  messageResponseSchema,
  messagesResponseSchema,
  postMessageBodySchema,
} from '../protocol/conversation.ts';
import { acceptProfile, type ProfileSource } from './accept-profile.ts';
import type { ConversationService } from './conversation-service.ts';

type Router = ReturnType<typeof createRouter>;

/** A customer may only touch the conversation their token was issued for. */
export function assertConversationAccess(caller: Caller, conversationId: string): void {
  if (caller.kind === 'customer' && caller.conversationId !== conversationId) {
    fail('FORBIDDEN', 'this token does not grant access to that conversation');
  }
}

/** Metadata keys a customer may see; everything else (decisions, signals, agent ids) stays internal. */
const publicMetadata = [
  'article',
  'event',
  'position',
  'estimatedWaitSeconds',
  'options',
  'whileWaiting',
  'opensAt',
  'opensText',
  'emergency',
  'authorName',
  'documents',
  'documentRequest',
  'appointment',
];

/** What a customer may see of a message: no bot internals. */
export function customerView(message: Message): Message {
  const metadata = Object.fromEntries(
    Object.entries(message.metadata).filter(([k]) => publicMetadata.includes(k)),
  );
  return { ...message, metadata };
}

/** The public conversation API used by the widget and by anyone's channel code. */
export function registerConversationRoutes(
  router: Router,
  service: ConversationService,
  identity: { verifier: IdentityVerifier; required: boolean },
): void {
  router.route({
    method: 'POST',
    url: '/api/v1/conversations',
    summary:
      'Start a conversation; returns a token that grants access to it alone. With x-api-key or a verified `identity` (a host-signed JWT, or the user id with its HMAC) it belongs to the known customer; otherwise the customer is a new, anonymous one and only name and email are taken (refused when the service requires a verified identity)',
    tags: ['conversations'],
    access: 'publicOrApiKey',
    body: createConversationBodySchema,
    response: createConversationResponseSchema,
    status: 201,
    handler: async ({ body, caller }) => {
      const { identity: proof, customer: profile, ...rest } = body;
      // A proof that does not verify is refused even beside an API key: a broken signer must not go unnoticed.
      const verified = proof ? await identity.verifier.verify(proof) : null;
      const source: ProfileSource =
        caller.kind === 'apiKey'
          ? { kind: 'apiKey' }
          : verified
            ? { kind: 'verified', identity: verified }
            : { kind: 'anonymous' };
      const accepted = acceptProfile(profile, source, identity.required);
      if (!accepted.ok) fail(accepted.code, accepted.reason);
      const { conversation, customerToken } = await service.start({ ...rest, customer: accepted.customer });
      return { conversation, customerToken };
    },
  });

  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/messages',
    summary: "Send the customer's message; the same clientMessageId again returns the same message",
    tags: ['conversations'],
    access: 'customer',
    params: conversationIdParamsSchema,
    body: postMessageBodySchema,
    response: messageResponseSchema,
    status: 201,
    handler: async ({ params, body, caller }) => {
      assertConversationAccess(caller, params.id);
      const { message } = await service.postCustomerMessage(params.id, body.text, body.clientMessageId);
      return { message: customerView(message) };
    },
  });

  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/customer',
    summary:
      "Name the customer once the host page knows them (name and email only); a customer identified with an API key's externalId is not changed",
    tags: ['conversations'],
    access: 'customer',
    params: conversationIdParamsSchema,
    body: describeCustomerBodySchema,
    response: z.object({ customer: z.object({ name: z.string().nullable(), email: z.string().nullable() }) }),
    handler: async ({ params, body, caller }) => {
      assertConversationAccess(caller, params.id);
      const customer = await service.describeCustomer(params.id, body);
      return { customer: { name: customer?.name ?? null, email: customer?.email ?? null } };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/conversations/:id',
    summary: 'The conversation: state, team, priority and, while queued, its position',
    tags: ['conversations'],
    access: 'customerOrConsole',
    params: conversationIdParamsSchema,
    response: conversationResponseSchema,
    handler: async ({ params, caller }) => {
      assertConversationAccess(caller, params.id);
      return { conversation: await service.get(params.id) };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/conversations/:id/messages',
    summary: 'Messages after a sequence number, in order',
    tags: ['conversations'],
    access: 'customerOrConsole',
    params: conversationIdParamsSchema,
    query: afterQuerySchema,
    response: messagesResponseSchema,
    handler: async ({ params, query, caller }) => {
      assertConversationAccess(caller, params.id);
      await service.get(params.id);
      const all = await service.listMessages(params.id, query.after, query.limit);
      const messages = caller.kind === 'customer' ? all.filter((m) => !m.internal).map(customerView) : all;
      return { messages };
    },
  });
}

export const packsResponseSchema = z.object({
  packs: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
});
