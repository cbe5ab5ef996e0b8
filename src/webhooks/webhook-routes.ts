import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuditedChange } from '../audit/audit-log.ts';
import { actorOf } from '../audit/audit-routes.ts';
import type { createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  createWebhookBodySchema,
  createWebhookResponseSchema,
  redeliverParamsSchema,
  type UpdateWebhookBody,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryResponseSchema,
  webhookIdParamsSchema,
  webhookResponseSchema,
  webhooksResponseSchema,
} from '../protocol/webhook.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';
import { createWebhookStore } from './webhook-store.ts';

type Router = ReturnType<typeof createRouter>;

const notFound = (id: string): never => fail('NOT_FOUND', `no webhook ${id}`);

/** A new signing secret: a Standard Webhooks key (`whsec_` and 32 random bytes in base64). */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The admin's webhook management: subscriptions, their delivery log, and a test ping. */
export function registerWebhookRoutes(
  router: Router,
  webhooks: Pick<WebhookDispatcher, 'store' | 'sendTest' | 'redeliver' | 'checkTarget'>,
  audited: AuditedChange,
  now: () => Date = () => new Date(),
): void {
  const { store } = webhooks;
  // A name that does not resolve yet is accepted: every delivery checks the address it connects to.
  const refuseTarget = async (url: string | undefined) => {
    if (url === undefined) return;
    const verdict = await webhooks.checkTarget(url);
    if (verdict.kind === 'refused') fail('TARGET_NOT_ALLOWED', `webhook target refused: ${verdict.reason}`);
  };
  /** Changes a subscription with its audit entry; a new secret shows as hidden on both sides. */
  const change = (id: string, action: string, actor: string, patch: UpdateWebhookBody) =>
    audited({ area: 'webhooks', subject: id, action, actor }, async (tx) => {
      const tstore = createWebhookStore(tx);
      const before = (await tstore.getSubscription(id)) ?? notFound(id);
      const after = (await tstore.updateSubscription(id, patch)) ?? notFound(id);
      const rotated = patch.secret !== undefined;
      return {
        result: after,
        before: { ...before, ...(rotated && { secret: 'old' }) },
        after: { ...after, ...(rotated && { secret: 'new' }) },
        secrets: ['secret'],
      };
    });
  const base = '/api/v1/admin/webhooks';
  const common = { tags: ['webhooks'], access: 'admin' as const };

  router.route({
    ...common,
    method: 'GET',
    url: base,
    summary: 'Webhook subscriptions (without their secrets)',
    response: webhooksResponseSchema,
    handler: async () => ({ webhooks: await store.listSubscriptions() }),
  });

  router.route({
    ...common,
    method: 'POST',
    url: base,
    summary: 'Subscribe a URL to events; the signing secret is shown in this response only',
    body: createWebhookBodySchema,
    response: createWebhookResponseSchema,
    status: 201,
    handler: async ({ body, caller }) => {
      await refuseTarget(body.url);
      const secret = body.secret ?? generateWebhookSecret();
      const id = newId('whk');
      const webhook = await audited(
        { area: 'webhooks', subject: id, action: 'create', actor: actorOf(caller) },
        async (tx) => {
          const created = await createWebhookStore(tx).createSubscription({
            id,
            url: body.url,
            events: body.events,
            secret,
            active: body.active,
            description: body.description,
            createdAt: now().toISOString(),
          });
          return { result: created, before: null, after: { ...created, secret }, secrets: ['secret'] };
        },
      );
      return { webhook: { ...webhook, secret } };
    },
  });

  router.route({
    ...common,
    method: 'PATCH',
    url: `${base}/:id`,
    summary: 'Change a subscription (url, events, active, description) or rotate its secret',
    params: webhookIdParamsSchema,
    body: updateWebhookBodySchema,
    response: webhookResponseSchema,
    handler: async ({ params, body, caller }) => {
      await refuseTarget(body.url);
      const action = body.secret === undefined ? 'update' : 'update-and-rotate-secret';
      return { webhook: await change(params.id, action, actorOf(caller), body) };
    },
  });

  router.route({
    ...common,
    method: 'DELETE',
    url: `${base}/:id`,
    summary: 'Remove a subscription and its delivery log',
    params: webhookIdParamsSchema,
    response: z.object({ deleted: z.literal(true), id: z.string() }),
    handler: async ({ params, caller }) => {
      await audited(
        { area: 'webhooks', subject: params.id, action: 'delete', actor: actorOf(caller) },
        async (tx) => {
          const tstore = createWebhookStore(tx);
          const before = (await tstore.getSubscription(params.id)) ?? notFound(params.id);
          await tstore.deleteSubscription(params.id);
          return { result: null, before, after: null };
        },
      );
      return { deleted: true as const, id: params.id };
    },
  });

  router.route({
    ...common,
    method: 'POST',
    url: `${base}/:id/rotate-secret`,
    summary: 'Replace the signing secret with a new generated one, shown in this response only',
    params: webhookIdParamsSchema,
    response: createWebhookResponseSchema,
    handler: async ({ params, caller }) => {
      const secret = generateWebhookSecret();
      const webhook = await change(params.id, 'rotate-secret', actorOf(caller), { secret });
      return { webhook: { ...webhook, secret } };
    },
  });

  router.route({
    ...common,
    method: 'GET',
    url: `${base}/:id/deliveries`,
    summary: "A subscription's delivery log, newest first, optionally by status",
    params: webhookIdParamsSchema,
    query: webhookDeliveriesQuerySchema,
    response: webhookDeliveriesResponseSchema,
    handler: async ({ params, query }) => {
      if (!(await store.getSubscription(params.id))) notFound(params.id);
      const deliveries = await store.listDeliveries({ subscriptionId: params.id, ...query });
      return { deliveries };
    },
  });

  router.route({
    ...common,
    method: 'POST',
    url: `${base}/:id/test`,
    summary: 'Send a ping event to the subscription now; the delivery tells how the receiver answered',
    params: webhookIdParamsSchema,
    response: webhookDeliveryResponseSchema,
    handler: async ({ params }) => ({
      delivery: (await webhooks.sendTest(params.id)) ?? notFound(params.id),
    }),
  });

  router.route({
    ...common,
    method: 'POST',
    url: `${base}/:id/deliveries/:deliveryId/redeliver`,
    summary:
      'Send a delivered or failed delivery again now, with the same payload and webhook-id; 409 while it is pending',
    params: redeliverParamsSchema,
    response: webhookDeliveryResponseSchema,
    handler: async ({ params }) => {
      if (!(await store.getSubscription(params.id))) notFound(params.id);
      const delivery = await store.getDelivery(params.deliveryId);
      if (!delivery || delivery.subscriptionId !== params.id)
        fail('NOT_FOUND', `no delivery ${params.deliveryId} for webhook ${params.id}`);
      const sent = await webhooks.redeliver(params.id, params.deliveryId);
      if (!sent)
        fail('CONFLICT', `delivery ${params.deliveryId} is still pending; it will be sent as scheduled`);
      return { delivery: sent };
    },
  });
}
