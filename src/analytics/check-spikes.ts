import type { Logger } from 'pino';
import type { EventBus } from '../platform/bus.ts';
import type { Alert } from '../protocol/analytics.ts';
import type { BusinessEvent } from '../protocol/business-events.ts';
import { supervisorTopic } from '../protocol/topics.ts';
import type { ServerMessage } from '../protocol/ws.ts';
import type { AnalyticsStore } from './analytics-store.ts';
import { defaultSpikeOptions, detectSpike, type SpikeOptions, type SpikeVerdict } from './detect-spike.ts';

export const spikeAlertKind = 'handoff_spike';

/** 15-minute buckets: the window is the latest hour (4 buckets), the baseline the 24 hours before it. */
export const spikeBucketMs = 15 * 60_000;
const baselineBuckets = 96;

/** The outcome of one check: the verdict, and the alert it raised (once per spike) or kept open. */
export type SpikeCheckResult = { verdict: SpikeVerdict; alert: Alert | null; raised: boolean };

/**
 * The periodic spike check: counts recent handoffs, asks `detectSpike`, and raises one alert per spike
 * (stored, pushed to supervisors, sent to webhooks as `alert.raised`). The alert clears once the window
 * has been calm for a whole window length, so a flickering verdict does not alert twice.
 */
export function createSpikeCheck(deps: {
  store: AnalyticsStore;
  bus: EventBus;
  emit: (event: BusinessEvent) => Promise<void>;
  now: () => Date;
  log: Logger;
  options?: SpikeOptions;
}) {
  const options = deps.options ?? defaultSpikeOptions;
  const windowMs = options.windowBuckets * spikeBucketMs;

  return async function checkSpikes(): Promise<SpikeCheckResult> {
    const now = deps.now();
    const end = (Math.floor(now.getTime() / spikeBucketMs) + 1) * spikeBucketMs;
    const since = new Date(end - (baselineBuckets + options.windowBuckets) * spikeBucketMs);
    const buckets = await deps.store.spikeBuckets(since, new Date(end), spikeBucketMs);
    const verdict = detectSpike(buckets, options);
    const open = await deps.store.openAlert(spikeAlertKind);
    if (verdict.kind === 'none') {
      if (open && now.getTime() - Date.parse(open.lastSeenAt) >= windowMs)
        await deps.store.clearAlert(open.id, now);
      return { verdict, alert: open, raised: false };
    }
    const details = {
      trigger: verdict.trigger,
      window: verdict.window,
      baseline: verdict.baseline,
      expected: verdict.expected,
      ratio: verdict.ratio,
      pValue: verdict.pValue,
      rules: verdict.drivers.rules,
      intents: verdict.drivers.intents,
    };
    if (open) {
      await deps.store.touchAlert(open.id, now, details);
      return { verdict, alert: open, raised: false };
    }
    const text = describeSpike(verdict);
    const alert = await deps.store.raiseAlert({ kind: spikeAlertKind, level: 'warning', text, details, now });
    // Another instance raised it first: it also notified.
    if (!alert) return { verdict, alert: await deps.store.openAlert(spikeAlertKind), raised: false };
    deps.log.warn({ alert: alert.id, ratio: verdict.ratio }, text);
    await deps.bus.publish(supervisorTopic, {
      type: 'notice',
      level: 'warning',
      text,
      conversationId: null,
      event: 'spike',
    } satisfies ServerMessage);
    await deps.emit({
      type: 'alert.raised',
      conversationId: null,
      data: { alertId: alert.id, kind: alert.kind, level: alert.level, text, details },
    });
    return { verdict, alert, raised: true };
  };
}

const percent = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);

/** One line for supervisors: how far above normal, and what drives it. */
export function describeSpike(v: Extract<SpikeVerdict, { kind: 'spike' }>): string {
  const rules = v.drivers.rules.map((d) => `${d.key} (${d.observed} vs ~${Math.round(d.expected)} usual)`);
  const intents = v.drivers.intents.map((d) => d.key);
  const head =
    v.trigger === 'rate'
      ? `Handoff spike: ${v.window.handoffs} handoffs in the last hour (${percent(v.window.rate)} of conversations vs ${percent(v.baseline.rate)} usually, ${v.ratio}x)`
      : 'Handoff spike in one reason';
  return `${head}; driven by ${rules.join(', ') || 'no single rule'}${intents.length ? `; intents: ${intents.join(', ')}` : ''}.`;
}
