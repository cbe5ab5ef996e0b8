import { and, asc, desc, eq, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type {
  DeliveryStatus,
  WebhookDelivery,
  WebhookPayload,
  WebhookSubscription,
} from '../protocol/webhook.ts';
import type { DeliveryDecision } from './next-attempt.ts';
import { webhookDeliveries as deliveries, webhookSubscriptions as subscriptions } from './webhook.tables.ts';

type SubscriptionRow = typeof subscriptions.$inferSelect;
type DeliveryRow = typeof deliveries.$inferSelect;

/** A subscription with the secret its bodies are signed with; never leaves the server. */
export type WebhookTarget = WebhookSubscription & { secret: string };

/** A delivery this instance holds until its lease runs out, with where to send it. */
export type ClaimedDelivery = WebhookDelivery & { url: string; secret: string };

export type SubscriptionPatch = Partial<
  Pick<WebhookTarget, 'url' | 'events' | 'secret' | 'active' | 'description'>
>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    active: row.active,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventId: row.eventId,
    eventType: row.eventType,
    payload: row.payload as WebhookPayload,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: iso(row.nextAttemptAt),
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
  };
}

/** Webhook subscriptions and the delivery log, shared safely by every instance. */
export type WebhookStore = ReturnType<typeof createWebhookStore>;

export function createWebhookStore(db: Db) {
  const getSubscription = async (id: string): Promise<WebhookSubscription | null> => {
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
    return row ? toSubscription(row) : null;
  };
  return {
    async createSubscription(input: WebhookTarget): Promise<WebhookSubscription> {
      const [row] = await db
        .insert(subscriptions)
        .values({ ...input, createdAt: new Date(input.createdAt) })
        .returning();
      return toSubscription(row!);
    },
    getSubscription,
    async listSubscriptions(): Promise<WebhookSubscription[]> {
      const rows = await db
        .select()
        .from(subscriptions)
        .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
      return rows.map(toSubscription);
    },
    async updateSubscription(id: string, patch: SubscriptionPatch): Promise<WebhookSubscription | null> {
      const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(values).length === 0) return getSubscription(id);
      const [row] = await db.update(subscriptions).set(values).where(eq(subscriptions.id, id)).returning();
      return row ? toSubscription(row) : null;
    },
    /** Removes a subscription and its delivery log. */
    async deleteSubscription(id: string): Promise<boolean> {
      const rows = await db
        .delete(subscriptions)
        .where(eq(subscriptions.id, id))
        .returning({ id: subscriptions.id });
      return rows.length > 0;
    },

    /**
     * Queues one delivery of an event per active subscription that lists its type or `*`, in one insert;
     * with `subscriptionId`, to that subscription only, whatever it lists (the test ping).
     * Enqueueing the same event twice adds nothing.
     */
    async enqueue(input: {
      payload: WebhookPayload;
      now: Date;
      subscriptionId?: string;
    }): Promise<WebhookDelivery[]> {
      const { payload, now } = input;
      const at = sql<Date>`${now.toISOString()}::timestamptz`;
      const matching: SQL | undefined = input.subscriptionId
        ? eq(subscriptions.id, input.subscriptionId)
        : and(
            eq(subscriptions.active, true),
            sql`(${subscriptions.events} @> ${JSON.stringify([payload.type])}::jsonb or ${subscriptions.events} @> '["*"]'::jsonb)`,
          );
      const rows = await db
        .insert(deliveries)
        .select(
          db
            .select({
              id: sql<string>`'whd_' || replace(gen_random_uuid()::text, '-', '')`.as('id'),
              subscriptionId: subscriptions.id,
              eventId: sql<string>`${payload.id}::text`.as('event_id'),
              eventType: sql<string>`${payload.type}::text`.as('event_type'),
              payload: sql<Record<string, unknown>>`${JSON.stringify(payload)}::jsonb`.as('payload'),
              status: sql<string>`'pending'`.as('status'),
              attempts: sql<number>`0`.as('attempts'),
              nextAttemptAt: at.as('next_attempt_at'),
              lastStatusCode: sql<number | null>`null::integer`.as('last_status_code'),
              lastError: sql<string | null>`null::text`.as('last_error'),
              createdAt: at.as('created_at'),
              deliveredAt: sql<Date | null>`null::timestamptz`.as('delivered_at'),
            })
            .from(subscriptions)
            .where(matching),
        )
        .onConflictDoNothing()
        .returning();
      return rows.map(toDelivery);
    },

    /**
     * Claims up to `limit` due deliveries of active subscriptions for this instance: each is counted as
     * one more attempt and hidden from other claimers until `now + leaseMs`, when a crashed instance's
     * claims come due again. Rows another instance is claiming are skipped, never waited for.
     * With `deliveryId`, claims that pending delivery now, due or not, active subscription or not.
     */
    async claimDue(input: {
      now: Date;
      limit: number;
      leaseMs: number;
      deliveryId?: string;
    }): Promise<ClaimedDelivery[]> {
      const { now } = input;
      const due = db
        .select({ id: deliveries.id })
        .from(deliveries)
        .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
        .where(
          input.deliveryId
            ? and(eq(deliveries.id, input.deliveryId), eq(deliveries.status, 'pending'))
            : and(
                eq(deliveries.status, 'pending'),
                lte(deliveries.nextAttemptAt, now),
                eq(subscriptions.active, true),
              ),
        )
        .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
        .limit(input.limit)
        .for('update', { of: deliveries, skipLocked: true });
      const claimed = await db
        .update(deliveries)
        .set({
          attempts: sql`${deliveries.attempts} + 1`,
          nextAttemptAt: new Date(now.getTime() + input.leaseMs),
        })
        .where(inArray(deliveries.id, due))
        .returning();
      if (claimed.length === 0) return [];
      const targets = await db
        .select({ id: subscriptions.id, url: subscriptions.url, secret: subscriptions.secret })
        .from(subscriptions)
        .where(inArray(subscriptions.id, [...new Set(claimed.map((r) => r.subscriptionId))]));
      const byId = new Map(targets.map((t) => [t.id, t]));
      return claimed
        .sort((a, b) => (a.nextAttemptAt?.getTime() ?? 0) - (b.nextAttemptAt?.getTime() ?? 0))
        .flatMap((row) => {
          const target = byId.get(row.subscriptionId);
          return target ? [{ ...toDelivery(row), url: target.url, secret: target.secret }] : [];
        });
    },

    /**
     * Records how attempt number `attempts` went. Returns false when the claim is stale (the lease ran out
     * and another instance claimed the delivery again), in which case nothing changes.
     * A `disable` also deactivates the subscription and fails its other pending deliveries.
     */
    async record(claim: { id: string; attempts: number }, decision: DeliveryDecision): Promise<boolean> {
      const ours = and(
        eq(deliveries.id, claim.id),
        eq(deliveries.attempts, claim.attempts),
        eq(deliveries.status, 'pending'),
      );
      const last = {
        lastStatusCode: decision.statusCode,
        lastError: 'error' in decision ? decision.error : null,
      };
      const set = (values: Partial<typeof deliveries.$inferInsert>) =>
        db
          .update(deliveries)
          .set({ ...last, ...values })
          .where(ours)
          .returning({ id: deliveries.id })
          .then((rows) => rows.length > 0);
      switch (decision.kind) {
        case 'delivered':
          return set({ status: 'delivered', deliveredAt: decision.at, nextAttemptAt: null });
        case 'retry':
          return set({ nextAttemptAt: decision.nextAttemptAt });
        case 'failed':
          return set({ status: 'failed', nextAttemptAt: null });
        case 'disable':
          return db.transaction(async (tx) => {
            const [row] = await tx
              .update(deliveries)
              .set({ ...last, status: 'failed', nextAttemptAt: null })
              .where(ours)
              .returning({ subscriptionId: deliveries.subscriptionId });
            if (!row) return false;
            await tx
              .update(subscriptions)
              .set({ active: false })
              .where(eq(subscriptions.id, row.subscriptionId));
            await tx
              .update(deliveries)
              .set({
                status: 'failed',
                nextAttemptAt: null,
                lastError: `subscription disabled: ${decision.error}`,
              })
              .where(
                and(
                  eq(deliveries.subscriptionId, row.subscriptionId),
                  eq(deliveries.status, 'pending'),
                  ne(deliveries.id, claim.id),
                ),
              );
            return true;
          });
      }
    },

    /**
     * Puts a finished delivery (delivered or failed) of a subscription back in line, due now, with its
     * attempts counted afresh; the payload and event id stay, so the receiver sees the same `webhook-id`.
     * Returns null when there is no such delivery or it is still pending.
     */
    async redeliver(input: {
      subscriptionId: string;
      deliveryId: string;
      now: Date;
    }): Promise<WebhookDelivery | null> {
      const [row] = await db
        .update(deliveries)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: input.now,
          lastStatusCode: null,
          lastError: null,
          deliveredAt: null,
        })
        .where(
          and(
            eq(deliveries.id, input.deliveryId),
            eq(deliveries.subscriptionId, input.subscriptionId),
            ne(deliveries.status, 'pending'),
          ),
        )
        .returning();
      return row ? toDelivery(row) : null;
    },

    async getDelivery(id: string): Promise<WebhookDelivery | null> {
      const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
      return row ? toDelivery(row) : null;
    },
    /** The delivery log, newest first. */
    async listDeliveries(
      filter: { subscriptionId?: string; status?: DeliveryStatus; limit?: number } = {},
    ): Promise<WebhookDelivery[]> {
      const rows = await db
        .select()
        .from(deliveries)
        .where(
          and(
            filter.subscriptionId ? eq(deliveries.subscriptionId, filter.subscriptionId) : undefined,
            filter.status ? eq(deliveries.status, filter.status) : undefined,
          ),
        )
        .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
        .limit(filter.limit ?? 50);
      return rows.map(toDelivery);
    },
  };
}
