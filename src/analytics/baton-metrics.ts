import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the scrape-time gauges read from the database. */
export type GaugeSources = {
  queueDepth: () => Promise<Map<string, number>>;
  agentsOnline: () => Promise<Map<string, number>>;
};

/** Prometheus metrics of one Baton instance, on a registry of its own (never prom-client's global one). */
export type BatonMetrics = ReturnType<typeof createBatonMetrics>;

export function createBatonMetrics(sources: GaugeSources, log: Logger) {
  const registry = new Registry();
  const registers = [registry];
  const handoffs = new Counter({
    name: 'baton_handoffs_total',
    help: 'Conversations handed to a person, by pack, reason (policy rule), team and priority',
    labelNames: ['pack', 'reason', 'team', 'priority'] as const,
    registers,
  });
  const timeToAgent = new Histogram({
    name: 'baton_time_to_agent_seconds',
    help: 'Seconds from handoff (queued) to an agent being assigned',
    buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200],
    registers,
  });
  const perTeam = (name: string, help: string, read: () => Promise<Map<string, number>>) =>
    new Gauge({
      name,
      help,
      labelNames: ['team'] as const,
      registers,
      async collect() {
        try {
          const values = await read();
          this.reset();
          for (const [team, n] of values) this.set({ team }, n);
        } catch (err) {
          log.warn({ err, metric: name }, 'metrics gauge read failed');
        }
      },
    });
  perTeam(
    'baton_queue_depth',
    'Conversations waiting for an agent, per team (from the database)',
    sources.queueDepth,
  );
  perTeam('baton_agents_online', 'Console users online, per team (from the database)', sources.agentsOnline);
  const messages = new Counter({
    name: 'baton_messages_total',
    help: 'Messages stored by this instance, by author kind',
    labelNames: ['author'] as const,
    registers,
  });
  const httpRequests = new Counter({
    name: 'baton_http_requests_total',
    help: 'HTTP responses, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const httpErrors = new Counter({
    name: 'baton_http_errors_total',
    help: 'HTTP error responses, by error code',
    labelNames: ['code'] as const,
    registers,
  });
  const wsErrors = new Counter({
    name: 'baton_ws_errors_total',
    help: 'WebSocket error frames sent, by error code',
    labelNames: ['code'] as const,
    registers,
  });
  const csat = new Counter({
    name: 'baton_csat_total',
    help: 'CSAT ratings given (first rating per conversation), by path and rating',
    labelNames: ['path', 'rating'] as const,
    registers,
  });
  const slaBreaches = new Counter({
    name: 'baton_sla_breaches_total',
    help: 'Conversations that missed their first-reply SLA, by team',
    labelNames: ['team'] as const,
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    handoff: (l: { pack: string; reason: string; team: string | null; priority: string }) =>
      handoffs.inc({ pack: l.pack, reason: l.reason, team: l.team ?? 'none', priority: l.priority }),
    timeToAgent: (seconds: number) => timeToAgent.observe(Math.max(0, seconds)),
    message: (author: string) => messages.inc({ author }),
    httpResponse: (method: string, route: string, status: number) =>
      httpRequests.inc({ method, route, status: String(status) }),
    httpError: (code: string) => httpErrors.inc({ code }),
    wsError: (code: string) => wsErrors.inc({ code }),
    csat: (path: string, rating: number) => csat.inc({ path, rating: String(rating) }),
    slaBreach: (team: string | null) => slaBreaches.inc({ team: team ?? 'none' }),
  };
}
