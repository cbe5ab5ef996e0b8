import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { createRouter } from '../http/define-route.ts';
import type { EventBus } from '../platform/bus.ts';
import type { Db } from '../platform/db/database.ts';
import type { Pack } from '../protocol/pack.ts';
import { agentTopic, supervisorTopic } from '../protocol/topics.ts';
import type { WebhookEventType } from '../protocol/webhook.ts';
import { createIncidentDelivery } from './deliver-incident.ts';
import type { IncidentDeps } from './incident-deps.ts';
import { type ConsolePeople, registerIncidentRoutes } from './incident-routes.ts';
import { createIncidentStore } from './incident-store.ts';
import { runIncidentTimers } from './run-incident-timers.ts';

/** What the incidents part is wired from. */
export type IncidentWiring = {
  app: FastifyInstance;
  router: ReturnType<typeof createRouter>;
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  packs: { list: () => { id: string }[]; pack: (id: string) => Pack | undefined };
  people: ConsolePeople;
  webhooks: { publish: (type: WebhookEventType, data: unknown) => Promise<unknown> };
  /** Milliseconds between page-timer passes; 0 disables the loop (tests call `runTimers`). */
  tickMs: number;
};

/** Builds the incidents part, registers its routes and runs its page timers; returns what tests drive. */
export function wireIncidents(w: IncidentWiring) {
  const config = (pack: string) => w.packs.pack(pack)?.incidents;
  const teamName = (pack: string, team: string) =>
    w.packs.pack(pack)?.teams.find((t) => t.id === team)?.name ?? team;
  const store = createIncidentStore(w.db, teamName);
  const deps: IncidentDeps = {
    store,
    config,
    packExists: (pack) => w.packs.pack(pack) !== undefined,
    incidentPacks: () =>
      w.packs
        .list()
        .map((p) => p.id)
        .filter((id) => config(id) !== undefined),
    teamName,
    now: w.now,
    deliver: createIncidentDelivery({
      tellAgent: (agentId, message) => w.bus.publish(agentTopic(agentId), message),
      tellSupervisors: (message) => w.bus.publish(supervisorTopic, message),
      publishWebhook: (type, data) => w.webhooks.publish(type, data),
      members: (team) => store.members(team),
      config,
      teamName,
      log: w.log,
    }),
  };
  registerIncidentRoutes(w.router, deps, w.people);
  const runTimers = () => runIncidentTimers(deps);
  let running: Promise<unknown> | null = null;
  const timer =
    w.tickMs > 0
      ? setInterval(() => {
          running ??= runTimers()
            .catch((err: unknown) => w.log.error({ err }, 'incident timers failed'))
            .finally(() => {
              running = null;
            });
        }, w.tickMs)
      : null;
  timer?.unref();
  w.app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
  return { deps, store, runTimers };
}
