import type { FastifyInstance } from 'fastify';
import type { createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  alertsQuerySchema,
  alertsResponseSchema,
  recentHandoffsQuerySchema,
  recentHandoffsResponseSchema,
  summaryQuerySchema,
  summarySchema,
} from '../protocol/analytics.ts';
import type { AnalyticsStore } from './analytics-store.ts';
import type { BatonMetrics } from './baton-metrics.ts';
import { type MetricsExposure, serveMetrics } from './serve-metrics.ts';
import { summarizeAnalytics } from './summarize-analytics.ts';

type Router = ReturnType<typeof createRouter>;

const dayMs = 24 * 3600_000;
const maxSpanDays = 400;

/** The supervisor's analytics API and the Prometheus scrape endpoint. */
export function registerAnalyticsRoutes(
  router: Router,
  app: FastifyInstance,
  deps: { store: AnalyticsStore; metrics: BatonMetrics; now: () => Date; exposure: MetricsExposure },
): { metricsUrl: () => string | null } {
  router.route({
    method: 'GET',
    url: '/api/v1/analytics/summary',
    summary:
      'Containment, handoffs by reason/team/priority, waits, handle time, abandonment, CSAT, labels, SLA breaches, wait-estimate error, over conversations started in [from, to)',
    tags: ['analytics'],
    access: 'supervisor',
    query: summaryQuerySchema,
    response: summarySchema,
    handler: async ({ query }) => {
      // By default up to and including this instant.
      const to = query.to ? new Date(query.to) : new Date(deps.now().getTime() + 1);
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * dayMs);
      if (from >= to) fail('VALIDATION_FAILED', '`from` must be before `to`');
      if (to.getTime() - from.getTime() > maxSpanDays * dayMs)
        fail('VALIDATION_FAILED', `the range may span at most ${maxSpanDays} days`);
      const range = { from, to, pack: query.pack ?? null };
      return summarizeAnalytics(await deps.store.loadRows(range), range);
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/analytics/alerts',
    summary: 'Recent alerts (handoff spikes), newest first',
    tags: ['analytics'],
    access: 'supervisor',
    query: alertsQuerySchema,
    response: alertsResponseSchema,
    handler: async ({ query }) => ({ alerts: await deps.store.listAlerts(query.limit) }),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/analytics/handoffs',
    summary: 'The latest handoffs and offers the policy decided, with their explanation, newest first',
    tags: ['analytics'],
    access: 'supervisor',
    query: recentHandoffsQuerySchema,
    response: recentHandoffsResponseSchema,
    handler: async ({ query }) => ({
      handoffs: await deps.store.listRecentHandoffs(query.limit, query.pack ?? null),
    }),
  });

  const served = serveMetrics(app, deps.metrics, deps.exposure);
  return { metricsUrl: served.url };
}
