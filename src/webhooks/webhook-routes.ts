import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import {
  createWebhookBodySchema,
  createWebhookResponseSchema,
  redeliverParamsSchema,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryResponseSchema,
  webhookIdParamsSchema,
  webhookResponseSchema,
  webhooksResponseSchema,
} from '../protocol/webhook.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';

type Router = ReturnType<typeof createRouter>;

const notFound = (id: string): never => fail('NOT_FOUND', `no webhook ${id}`);

/** A new signing secret: a Standard Webhooks key (`whsec_` and 32 random bytes in base64). */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The admin's webhook management: subscriptions, their delivery log, and a test ping. */
export function registerWebhookRoutes(
  router: Router,
  webhooks: Pick<WebhookDispatcher, 'store' | 'sendTest' | 'redeliver' | 'checkTarget'>,
  now: () => Date = () => new Date(),
): void {
  const { store } = webhooks;
  // A name that does not resolve yet is accepted: every delivery checks the address it connects to.
  const refuseTarget = async (url: string | undefined) => {
    if (url === undefined) return;
    const verdict = await webhooks.checkTarget(url);
    if (verdict.kind === 'refused') fail('TARGET_NOT_ALLOWED', `webhook target refused: ${verdict.reason}`);
  };
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
    handler: async ({ body }) => {
      await refuseTarget(body.url);
      const secret = body.secret ?? generateWebhookSecret();
      const webhook = await store.createSubscription({
        id: newId('whk'),
        url: body.url,
        events: body.events,
        secret,
        active: body.active,
        description: body.description,
        createdAt: now().toISOString(),
      });
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
    handler: async ({ params, body }) => {
      await refuseTarget(body.url);
      return { webhook: (await store.updateSubscription(params.id, body)) ?? notFound(params.id) };
    },
  });

  router.route({
    ...common,
    method: 'DELETE',
    url: `${base}/:id`,
    summary: 'Remove a subscription and its delivery log',
    params: webhookIdParamsSchema,
    response: z.object({ deleted: z.literal(true), id: z.string() }),
    handler: async ({ params }) => {
      if (!(await store.deleteSubscription(params.id))) notFound(params.id);
      return { deleted: true as const, id: params.id };
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
