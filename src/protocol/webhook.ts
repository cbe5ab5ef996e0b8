import { z } from 'zod';

/** Every event a webhook can subscribe to; `*` subscribes to all of them. */
export const webhookEventTypes = [
  'conversation.created',
  'handoff.created',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.handed_back',
  'conversation.resolved',
  'conversation.reopened',
  'conversation.closed',
  'conversation.requeued',
  'ticket.created',
  'sla.breached',
  'alert.raised',
  'incident.opened',
  'incident.updated',
  'incident.paged',
  'incident.escalated',
  'incident.acknowledged',
  'incident.resolved',
] as const;
export const webhookEventTypeSchema = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** The event sent by the "test" route; it reaches one subscription whatever it subscribed to. */
export const pingEventType = 'ping';

/** What a subscription lists: known event types, or `*` for all. */
export const webhookEventFilterSchema = z.union([webhookEventTypeSchema, z.literal('*')]);

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export const deliveryStatusSchema = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** The JSON body of every webhook request. */
export const webhookPayloadSchema = z.object({
  id: z.string(),
  type: z.string(),
  createdAt: z.string(),
  data: z.unknown(),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** A subscription as the API shows it (never the secret, except once on create). */
export const webhookSubscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  description: z.string(),
  createdAt: z.string(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

/** One event on its way to one subscription, with the outcome of its last attempt. */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  payload: webhookPayloadSchema,
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

const urlSchema = z.url({ protocol: /^https?$/ }).max(2000);
const eventsSchema = z
  .array(webhookEventFilterSchema)
  .min(1)
  .max(webhookEventTypes.length + 1)
  .transform((events) => [...new Set(events)]);
/** A Standard Webhooks key: `whsec_` and the base64 of 24 to 64 random bytes. */
const secretSchema = z
  .string()
  .regex(/^whsec_(?:[A-Za-z0-9+/]{4}){8,22}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, {
    message: 'must be a Standard Webhooks key: whsec_ and the base64 of 24 to 64 random bytes',
  });

export const createWebhookBodySchema = z.strictObject({
  url: urlSchema,
  events: eventsSchema,
  /** Generated when omitted; returned only in the create response. */
  secret: secretSchema.optional(),
  active: z.boolean().default(true),
  description: z.string().max(500).default(''),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = z.strictObject({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  /** Rotates the signing secret. */
  secret: secretSchema.optional(),
  active: z.boolean().optional(),
  description: z.string().max(500).optional(),
});
export type UpdateWebhookBody = z.infer<typeof updateWebhookBodySchema>;

export const webhookIdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
export const redeliverParamsSchema = z.strictObject({
  id: z.string().min(1).max(100),
  deliveryId: z.string().min(1).max(100),
});
export const webhookDeliveriesQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const webhookResponseSchema = z.object({ webhook: webhookSubscriptionSchema });
export const createWebhookResponseSchema = z.object({
  webhook: webhookSubscriptionSchema.extend({ secret: z.string() }),
});
export const webhooksResponseSchema = z.object({ webhooks: z.array(webhookSubscriptionSchema) });
export const webhookDeliveriesResponseSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export const webhookDeliveryResponseSchema = z.object({ delivery: webhookDeliverySchema });
