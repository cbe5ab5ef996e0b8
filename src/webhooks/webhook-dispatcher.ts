import { createGuardedFetch } from '../platform/guarded-fetch.ts';
import { newId } from '../platform/ids.ts';
import type { Logger } from '../platform/logger.ts';
import { checkTarget, type TargetPolicy } from '../platform/target-policy.ts';
import { pingEventType, type WebhookDelivery, type WebhookEventType } from '../protocol/webhook.ts';
import {
  type AttemptOutcome,
  type DeliveryDecision,
  decideAfterAttempt,
  type ScheduleOptions,
} from './next-attempt.ts';
import { signedHeaders } from './sign-payload.ts';
import type { ClaimedDelivery, WebhookStore } from './webhook-store.ts';

export type WebhookDispatcherDeps = {
  store: WebhookStore;
  /** Which non-public addresses receivers may have; every other private address is refused. */
  targets: TargetPolicy;
  /** Defaults to a fetch that connects only to addresses `targets` allows. */
  fetch?: typeof globalThis.fetch;
  now: () => Date;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** How long a receiver has to answer before the attempt counts as a timeout. */
  timeoutMs?: number;
  /** A number in [0, 1) that stretches each retry delay a little; random unless a test fixes it. */
  jitter?: () => number;
  /** Applied to every event's `data` before it is stored and sent (PII redaction). */
  redact?: (value: unknown) => unknown;
  /** Deliveries claimed and sent at once by one run. */
  batchSize?: number;
  /** How long a claim hides a delivery from other instances; must outlast the timeout. */
  leaseMs?: number;
  schedule?: ScheduleOptions;
};

/** What one run did. */
export type DispatchSummary = { claimed: number } & Record<DeliveryDecision['kind'] | 'stale', number>;

/** Publishes events to webhook subscriptions and delivers them with signed, retried POSTs. */
export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

export function createWebhookDispatcher(deps: WebhookDispatcherDeps) {
  const { store, now, log } = deps;
  const fetchImpl = deps.fetch ?? createGuardedFetch(deps.targets);
  const timeoutMs = deps.timeoutMs ?? 5000;
  const jitter = deps.jitter ?? Math.random;
  const redact = deps.redact ?? ((value: unknown) => value);
  const batchSize = deps.batchSize ?? 10;
  const leaseMs = Math.max(deps.leaseMs ?? 60_000, timeoutMs * 3);

  async function post(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const body = JSON.stringify(delivery.payload);
    // The event's id: the same on every retry and redelivery, so a receiver can deduplicate on it.
    const signed = signedHeaders({
      secret: delivery.secret,
      id: delivery.eventId,
      timestamp: now().getTime() / 1000,
      body,
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetchImpl(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Baton-Webhooks/1',
          ...signed,
          'Baton-Event': delivery.eventType,
          'Baton-Delivery': delivery.id,
        },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      // The answer's status is all that counts; drop the body so the connection is freed.
      await res.body?.cancel().catch(() => {});
      return { kind: 'response', status: res.status };
    } catch (err) {
      if (controller.signal.aborted) return { kind: 'timeout', afterMs: timeoutMs };
      return { kind: 'error', message: describeError(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one claimed delivery and records the result; never throws. */
  async function attempt(delivery: ClaimedDelivery): Promise<DeliveryDecision['kind'] | 'stale' | 'error'> {
    try {
      const outcome = await post(delivery);
      let decision = decideAfterAttempt({
        outcome,
        attempts: delivery.attempts,
        jitter: jitter(),
        now: now(),
        schedule: deps.schedule,
      });
      // A test ping reports its one attempt to the admin who sent it; it is not retried.
      if (decision.kind === 'retry' && delivery.eventType === pingEventType)
        decision = { kind: 'failed', statusCode: decision.statusCode, error: decision.error };
      const recorded = await store.record(delivery, decision);
      const fields = { deliveryId: delivery.id, event: delivery.eventType, attempt: delivery.attempts };
      if (!recorded) log.warn(fields, 'webhook delivery claim expired before its result was recorded');
      else if (decision.kind === 'delivered') log.debug(fields, 'webhook delivered');
      else log.warn({ ...fields, outcome: decision.kind, error: decision.error }, 'webhook attempt failed');
      return recorded ? decision.kind : 'stale';
    } catch (err) {
      log.error({ err, deliveryId: delivery.id }, 'webhook attempt could not be recorded');
      return 'error';
    }
  }

  async function runOnce(): Promise<DispatchSummary> {
    const claimed = await store.claimDue({ now: now(), limit: batchSize, leaseMs });
    const summary: DispatchSummary = {
      claimed: claimed.length,
      delivered: 0,
      retry: 0,
      failed: 0,
      disable: 0,
      stale: 0,
    };
    for (const kind of await Promise.all(claimed.map(attempt))) if (kind !== 'error') summary[kind] += 1;
    return summary;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  return {
    store,

    /** Whether a receiver URL may be subscribed: its host must not be a private address unless allowed. */
    checkTarget: (url: string) => checkTarget(url, deps.targets),

    /** Queues an event for every subscription that wants it; returns the new event id. */
    async publish(type: WebhookEventType, data: unknown): Promise<{ eventId: string; deliveries: number }> {
      const payload = { id: newId('evt'), type, createdAt: now().toISOString(), data: redact(data) };
      const queued = await store.enqueue({ payload, now: now() });
      return { eventId: payload.id, deliveries: queued.length };
    },

    /** Claims the due deliveries, sends them, and records each result with its retry. */
    runOnce,

    /** Sends a `ping` event to one subscription right away; the delivery shows how it went, or null for an unknown subscription. */
    async sendTest(subscriptionId: string): Promise<WebhookDelivery | null> {
      const subscription = await store.getSubscription(subscriptionId);
      if (!subscription) return null;
      const payload = {
        id: newId('evt'),
        type: pingEventType,
        createdAt: now().toISOString(),
        data: { subscriptionId, message: 'A test event from Baton.' },
      };
      const [queued] = await store.enqueue({ payload, now: now(), subscriptionId });
      if (!queued) return null;
      const [claim] = await store.claimDue({ now: now(), limit: 1, leaseMs, deliveryId: queued.id });
      if (claim) await attempt(claim);
      return store.getDelivery(queued.id);
    },

    /**
     * Sends a finished delivery again now (after a receiver's outage, say), from the delivery log; further
     * attempts follow the usual retry schedule. Null when the subscription has no such finished delivery.
     */
    async redeliver(subscriptionId: string, deliveryId: string): Promise<WebhookDelivery | null> {
      const queued = await store.redeliver({ subscriptionId, deliveryId, now: now() });
      if (!queued) return null;
      const [claim] = await store.claimDue({ now: now(), limit: 1, leaseMs, deliveryId: queued.id });
      if (claim) await attempt(claim);
      return store.getDelivery(queued.id);
    },

    /** Runs in the background every `intervalMs`, straight again while there is a backlog. */
    start(intervalMs = 1000): void {
      if (!stopped) return;
      stopped = false;
      const tick = async () => {
        let backlog = false;
        running = runOnce()
          .then((summary) => {
            backlog = summary.claimed === batchSize;
          })
          .catch((err) => log.error({ err }, 'webhook dispatch run failed'));
        await running;
        running = undefined;
        if (!stopped) schedule(backlog ? 0 : intervalMs);
      };
      const schedule = (ms: number) => {
        timer = setTimeout(tick, ms);
        timer.unref();
      };
      schedule(0);
    },

    /** Stops the background loop and waits for the run in progress. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function describeError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const message = err instanceof Error ? err.message : String(err);
  return cause?.code ?? cause?.message ?? message;
}
