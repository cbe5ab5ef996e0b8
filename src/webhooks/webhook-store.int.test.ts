import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import type { Database } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import type { WebhookPayload } from '../protocol/webhook.ts';
import { createWebhookStore, type WebhookStore } from './webhook-store.ts';

const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const lease = 60_000;

const event = (type: string): WebhookPayload => ({
  id: newId('evt'),
  type,
  createdAt: t0.toISOString(),
  data: { conversationId: 'conv_1' },
});

describe.each(engines)('webhook store on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: WebhookStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createWebhookStore(database.db);
  });
  afterAll(async () => {
    await cleanup();
  });

  const subscribe = (events: string[], active = true) =>
    store.createSubscription({
      id: newId('whk'),
      url: 'http://127.0.0.1:9/hook',
      events,
      secret: 'whsec_test_secret_0123456789',
      active,
      description: '',
      createdAt: t0.toISOString(),
    });

  it('creates, updates, lists and deletes subscriptions', async () => {
    const sub = await subscribe(['handoff.created']);
    const changed = await store.updateSubscription(sub.id, { description: 'crm', events: ['*'] });
    expect(changed).toMatchObject({ id: sub.id, description: 'crm', events: ['*'], active: true });
    expect((await store.listSubscriptions()).map((s) => s.id)).toContain(sub.id);
    expect(await store.updateSubscription('whk_missing', { active: false })).toBeNull();
    expect(await store.deleteSubscription(sub.id)).toBe(true);
    expect(await store.deleteSubscription(sub.id)).toBe(false);
    expect(await store.getSubscription(sub.id)).toBeNull();
  });

  it('enqueues one delivery per active subscription that lists the type or *, once per event', async () => {
    const handoff = await subscribe(['handoff.created', 'sla.breached']);
    const all = await subscribe(['*']);
    const other = await subscribe(['conversation.resolved']);
    const inactive = await subscribe(['handoff.created'], false);
    const e = event('handoff.created');
    const queued = await store.enqueue({ payload: e, now: t0 });
    const again = await store.enqueue({ payload: e, now: t0 });
    const targets = queued.map((d) => d.subscriptionId);
    expect(targets).toContain(handoff.id);
    expect(targets).toContain(all.id);
    expect(targets).not.toContain(other.id);
    expect(targets).not.toContain(inactive.id);
    expect(again).toEqual([]);
    const mine = queued.find((d) => d.subscriptionId === handoff.id)!;
    expect(mine).toMatchObject({
      eventId: e.id,
      eventType: 'handoff.created',
      payload: e,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: t0.toISOString(),
      createdAt: t0.toISOString(),
    });
    expect(mine.id).toMatch(/^whd_[0-9a-f]{32}$/);
    for (const sub of [handoff, all, other, inactive]) await store.deleteSubscription(sub.id);
  });

  it('hides a claim until its lease runs out, then lets another instance claim it again', async () => {
    const sub = await subscribe(['alert.raised']);
    const [queued] = await store.enqueue({ payload: event('alert.raised'), now: t0 });
    const [first] = await store.claimDue({ now: t0, limit: 10, leaseMs: lease });
    expect(first).toMatchObject({ id: queued!.id, attempts: 1, url: 'http://127.0.0.1:9/hook' });
    expect(first!.secret).toBe('whsec_test_secret_0123456789');
    expect(await store.claimDue({ now: at(lease - 1), limit: 10, leaseMs: lease })).toEqual([]);
    const [second] = await store.claimDue({ now: at(lease), limit: 10, leaseMs: lease });
    expect(second).toMatchObject({ id: queued!.id, attempts: 2 });
    // The crashed instance's late result is ignored; the current claim's counts.
    expect(await store.record(first!, { kind: 'failed', statusCode: 400, error: 'HTTP 400' })).toBe(false);
    expect(await store.record(second!, { kind: 'delivered', statusCode: 204, at: at(lease) })).toBe(true);
    expect(await store.getDelivery(queued!.id)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: at(lease).toISOString(),
    });
    await store.deleteSubscription(sub.id);
  });

  it('schedules a retry, and claims it only once due', async () => {
    const sub = await subscribe(['sla.breached']);
    await store.enqueue({ payload: event('sla.breached'), now: t0 });
    const [claim] = await store.claimDue({ now: t0, limit: 10, leaseMs: lease });
    await store.record(claim!, {
      kind: 'retry',
      statusCode: 503,
      error: 'HTTP 503',
      nextAttemptAt: at(10_000),
    });
    expect(await store.claimDue({ now: at(9_999), limit: 10, leaseMs: lease })).toEqual([]);
    const [retry] = await store.claimDue({ now: at(10_000), limit: 10, leaseMs: lease });
    expect(retry).toMatchObject({ attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503' });
    await store.record(retry!, { kind: 'failed', statusCode: null, error: 'gave up' });
    expect((await store.listDeliveries({ subscriptionId: sub.id, status: 'failed' })).length).toBe(1);
    expect(await store.listDeliveries({ subscriptionId: sub.id, status: 'pending' })).toEqual([]);
    await store.deleteSubscription(sub.id);
  });

  it('disables a subscription that answered 410 and fails its other pending deliveries', async () => {
    const sub = await subscribe(['*']);
    await store.enqueue({ payload: event('alert.raised'), now: t0 });
    await store.enqueue({ payload: event('alert.raised'), now: at(1) });
    const [claim] = await store.claimDue({ now: at(1), limit: 1, leaseMs: lease });
    await store.record(claim!, { kind: 'disable', statusCode: 410, error: 'HTTP 410: the receiver is gone' });
    expect((await store.getSubscription(sub.id))?.active).toBe(false);
    const log = await store.listDeliveries({ subscriptionId: sub.id });
    expect(log.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(await store.claimDue({ now: at(lease * 10), limit: 10, leaseMs: lease })).toEqual([]);
    await store.deleteSubscription(sub.id);
  });

  it('never hands the same delivery to two concurrent claimers', async () => {
    const subs = await Promise.all([subscribe(['*']), subscribe(['*']), subscribe(['*']), subscribe(['*'])]);
    for (let i = 0; i < 15; i++) await store.enqueue({ payload: event('conversation.assigned'), now: t0 });
    const claimer = async () => {
      const got: string[] = [];
      for (;;) {
        const batch = await store.claimDue({ now: at(1), limit: 4, leaseMs: lease });
        if (batch.length === 0) return got;
        got.push(...batch.map((d) => d.id));
      }
    };
    const [a, b] = await Promise.all([claimer(), claimer()]);
    const ids = [...a, ...b];
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    if (database.kind === 'postgres') expect(a.length * b.length).toBeGreaterThan(0);
    for (const sub of subs) await store.deleteSubscription(sub.id);
  });
});
