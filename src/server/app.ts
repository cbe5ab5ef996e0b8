import websocket from '@fastify/websocket';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { registerAgentRoutes } from '../agents/agent-routes.ts';
import { createAgentService } from '../agents/agent-service.ts';
import { createAgentStore } from '../agents/agent-store.ts';
import { registerMacroRoutes, seedMacros } from '../agents/macro-routes.ts';
import { registerAnalyticsRoutes } from '../analytics/analytics-routes.ts';
import { createAnalyticsStore } from '../analytics/analytics-store.ts';
import { createBatonMetrics } from '../analytics/baton-metrics.ts';
import { createSpikeCheck } from '../analytics/check-spikes.ts';
import { instrumentServer } from '../analytics/instrument-server.ts';
import { observeMessages } from '../analytics/observe-messages.ts';
import { recordAnalyticsEvents } from '../analytics/record-analytics-events.ts';
import { packsResponseSchema, registerConversationRoutes } from '../conversations/conversation-routes.ts';
import { type BotResponder, createConversationService } from '../conversations/conversation-service.ts';
import { createConversationStore } from '../conversations/conversation-store.ts';
import { registerFeedbackRoutes } from '../feedback/feedback-routes.ts';
import { createFeedbackService } from '../feedback/feedback-service.ts';
import { createFeedbackStore } from '../feedback/feedback-store.ts';
import { createContextPackageStore } from '../handoff/context-package-store.ts';
import { registerHandoffRoutes } from '../handoff/handoff-routes.ts';
import { recordContextPackages } from '../handoff/record-context-package.ts';
import { redactForLog } from '../handoff/redact-pii.ts';
import type { EventBus } from '../platform/bus.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { createTokenSigner } from '../platform/tokens.ts';
import type { Pack } from '../protocol/pack.ts';
import { type WebhookEventType, webhookEventTypes } from '../protocol/webhook.ts';
import { registerQueueRoutes } from '../routing/queue-routes.ts';
import { registerRoutingRoutes } from '../routing/routing-routes.ts';
import {
  agentTopic,
  createRoutingService,
  type RoutingEvent,
  supervisorTopic,
} from '../routing/routing-service.ts';
import { createRoutingStore } from '../routing/routing-store.ts';
import { createWebhookDispatcher } from '../webhooks/webhook-dispatcher.ts';
import { registerWebhookRoutes } from '../webhooks/webhook-routes.ts';
import { createWebhookStore } from '../webhooks/webhook-store.ts';
import { allowCrossOrigin } from './allow-cross-origin.ts';
import { createAuthenticate } from './authenticate.ts';
import { createRouter } from './define-route.ts';
import { buildOpenApi } from './openapi.ts';
import { createRateLimiter } from './rate-limit.ts';
import { registerWsGateway } from './ws-gateway.ts';

/** What the server knows about the loaded packs. */
export type PackCatalog = {
  list: () => { id: string; name: string; description: string }[];
  has: (id: string) => boolean;
  defaultPack: string;
  /** Teams across packs, for demo accounts. */
  teams: () => { team: string; name: string }[];
  /** Teams with their routing basics, to seed the teams table. */
  teamSettings: () => {
    id: string;
    name: string;
    skills: string[];
    businessHours: Record<string, unknown> | null;
  }[];
  /** What customers are told while they wait, per pack. */
  wording: (pack: string) => { queued: string; closed: string };
  /** The pack itself (teams, intents) for context packages. */
  pack: (id: string) => Pack | undefined;
  /** JSON Schema documents served under /schemas/NAME. */
  schemas: Record<string, unknown>;
};

/** Everything the app is built from: plain objects, no container. */
export type AppDeps = {
  config: Config;
  database: Database;
  bus: EventBus;
  log: Logger;
  secret: string;
  catalog: PackCatalog;
  respond: BotResponder | null;
  now?: () => Date;
  /** Registers the web assets (widget, demo, console) when they are built. */
  serveWeb?: (app: FastifyInstance) => Promise<void>;
  /** Milliseconds between routing timer passes (offers, SLA, presence); 0 disables the loop (tests drive it). */
  routingTickMs?: number;
  presenceGraceSeconds?: number;
  /** Milliseconds between handoff-spike checks; default 60 s when the routing loop runs, else 0 (tests call it). */
  spikeCheckMs?: number;
};

/** The composition root: builds the Fastify app and the services behind it. */
export async function buildApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const { config, log } = deps;
  const options: FastifyServerOptions = {
    bodyLimit: Math.max(64 * 1024, config.maxMessageChars * 8),
    // Only behind a known number of proxies is X-Forwarded-For the client's address (rate limits key on it).
    trustProxy:
      config.trustProxy === false
        ? false
        : (_address: string, hop: number) => hop < (config.trustProxy as number),
  };
  const app = Fastify({ ...options, loggerInstance: log as unknown as FastifyBaseLogger });
  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });

  const tokens = createTokenSigner(deps.secret);
  const tokenLimiter = createRateLimiter(config.rateLimitPerMinute);
  const ipLimiter = createRateLimiter(config.ipRateLimitPerMinute);
  const store = createConversationStore(deps.database.db, {
    maxInFlight: deps.database.kind === 'postgres' ? 2 : 1,
    now,
  });
  const analyticsStore = createAnalyticsStore(deps.database.db);
  const metrics = createBatonMetrics(
    { queueDepth: () => analyticsStore.queueDepth(), agentsOnline: () => analyticsStore.agentsOnline() },
    log,
  );
  const conversations = createConversationService({
    // Stored messages feed analytics (counts, agent reply times); the recorder is built just below.
    store: observeMessages(store, (message) => analytics.onMessage(message)),
    bus: deps.bus,
    tokens,
    now,
    log,
    maxMessageChars: config.maxMessageChars,
    respond: deps.respond,
    packExists: deps.catalog.has,
    defaultPack: deps.catalog.defaultPack,
  });
  const agents = createAgentService({ store: createAgentStore(deps.database.db), tokens, now });
  const webhooks = createWebhookDispatcher({
    store: createWebhookStore(deps.database.db),
    now,
    log,
    redact: redactForLog,
  });
  const knownWebhookEvents = new Set<string>(webhookEventTypes);
  const analytics = recordAnalyticsEvents({ conversations, store: analyticsStore, metrics, now, log });
  /** Every business event goes to analytics and out to webhook subscribers. */
  const emitEvent = async (event: RoutingEvent) => {
    await analytics.onEmitted(event);
    if (!knownWebhookEvents.has(event.type)) return;
    await webhooks
      .publish(event.type as WebhookEventType, { conversationId: event.conversationId, ...event.data })
      .catch((err: unknown) => log.warn({ err, event: event.type }, 'webhook enqueue failed'));
  };
  const lifecycleEvents: Partial<Record<string, string>> = {
    take_over: 'conversation.assigned',
    hand_back: 'conversation.handed_back',
    reopen: 'conversation.reopened',
    close: 'conversation.closed',
  };
  conversations.onEvent(async (e) => {
    const type = e.type === 'lifecycle' ? lifecycleEvents[e.event.type] : undefined;
    if (!type || e.type !== 'lifecycle') return;
    await emitEvent({
      type,
      conversationId: e.conversation.id,
      data: { state: e.conversation.state, team: e.conversation.team, agentId: e.conversation.assigneeId },
    });
  });
  const contextPackages = createContextPackageStore(deps.database.db);
  // Registered before routing, so the package exists by the time an agent is offered the conversation.
  const packageRecorder = recordContextPackages({
    conversations,
    store: contextPackages,
    pack: deps.catalog.pack,
    now,
    log,
  });
  const routingStore = createRoutingStore(deps.database.db);
  await routingStore.seedTeams(deps.catalog.teamSettings());
  const routing = createRoutingService({
    store: routingStore,
    conversations,
    bus: deps.bus,
    now,
    log,
    wording: deps.catalog.wording,
    presenceGraceSeconds: deps.presenceGraceSeconds,
    emit: emitEvent,
  });

  const feedback = createFeedbackService({
    store: createFeedbackStore(deps.database.db),
    conversations,
    now,
    onRated: (csat) => metrics.csat(csat.path, csat.rating),
  });
  const checkSpikes = createSpikeCheck({ store: analyticsStore, bus: deps.bus, emit: emitEvent, now, log });

  installErrorHandling(app);
  instrumentServer(app, metrics);
  allowCrossOrigin(app);
  app.addHook('onRequest', async (req, reply) => {
    const wait = ipLimiter.hit(`ip:${req.ip}`);
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      throw new AppError(
        'RATE_LIMITED',
        `too many requests from this address; retry in ${Math.ceil(wait / 1000)} s`,
      );
    }
  });

  const router = createRouter(
    app,
    createAuthenticate({
      tokens,
      apiKeys: config.apiKeys,
      now,
      rateLimit: (k) => tokenLimiter.hit(k),
      currentAgent: agents.current,
    }),
  );
  registerConversationRoutes(router, conversations);
  registerAgentRoutes(router, agents, conversations);
  registerRoutingRoutes(router, routing, agents, conversations);
  registerQueueRoutes(router, routing, agents);
  registerWebhookRoutes(router, webhooks, now);
  registerMacroRoutes(router, deps.database.db, agents);
  await seedMacros(deps.database.db);
  registerHandoffRoutes(router, {
    conversations,
    packages: contextPackages,
    views: (id) => deps.catalog.pack(id)?.contextViews ?? {},
    defaultTeam: (id) =>
      deps.catalog.pack(id)?.teams.find((t) => t.default)?.id ?? deps.catalog.pack(id)?.teams[0]?.id ?? null,
    packTeams: (id) => deps.catalog.pack(id)?.teams.map((t) => t.id) ?? [],
    agentTeams: async (id) => (await agents.get(id)).teams,
    settle: packageRecorder.settle,
    now,
  });
  registerFeedbackRoutes(router, feedback);
  registerAnalyticsRoutes(router, app, { store: analyticsStore, metrics, now });

  router.route({
    method: 'GET',
    url: '/api/v1/packs',
    summary: 'The packs this server runs',
    tags: ['packs'],
    access: 'public',
    response: packsResponseSchema,
    handler: async () => ({ packs: deps.catalog.list() }),
  });
  router.route({
    method: 'GET',
    url: '/healthz',
    summary: 'The process is up',
    tags: ['health'],
    access: 'public',
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  });
  router.route({
    method: 'GET',
    url: '/readyz',
    summary: 'The database answers',
    tags: ['health'],
    access: 'public',
    response: z.object({ status: z.literal('ready'), database: z.string() }),
    handler: async () => {
      try {
        await deps.database.ping();
      } catch (err) {
        log.warn({ err }, 'readiness check failed');
        throw new AppError('NOT_READY', 'the database does not answer');
      }
      return { status: 'ready' as const, database: deps.database.kind };
    },
  });

  const gateway = registerWsGateway(app, {
    bus: deps.bus,
    conversations,
    tokens,
    log,
    now,
    rateLimit: (k) => tokenLimiter.hit(k),
    maxFrameBytes: Math.max(16 * 1024, config.maxMessageChars * 8),
    presence: {
      connect: (id, role) => routing.connect(id, role),
      set: (id, status) => routing.setPresence(id, status),
      heartbeat: (ids) => routing.heartbeat(ids),
    },
    currentAgent: agents.current,
    consoleTopics: (agentId, role) => [agentTopic(agentId), ...(role === 'agent' ? [] : [supervisorTopic])],
  });
  const tickMs = deps.routingTickMs ?? 1000;
  let ticking = false;
  const timer =
    tickMs > 0
      ? setInterval(() => {
          if (ticking) return;
          ticking = true;
          routing
            .tick()
            .catch((err: unknown) => log.error({ err }, 'routing tick failed'))
            .finally(() => {
              ticking = false;
            });
        }, tickMs)
      : null;
  timer?.unref();
  if (tickMs > 0) webhooks.start(1000);
  const spikeMs = deps.spikeCheckMs ?? (tickMs > 0 ? 60_000 : 0);
  let spikeRun: Promise<unknown> | null = null;
  const spikeTimer =
    spikeMs > 0
      ? setInterval(() => {
          spikeRun ??= checkSpikes()
            .catch((err: unknown) => log.error({ err }, 'spike check failed'))
            .finally(() => {
              spikeRun = null;
            });
        }, spikeMs)
      : null;
  spikeTimer?.unref();
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    if (spikeTimer) clearInterval(spikeTimer);
    await spikeRun;
    await webhooks.stop();
    gateway.close();
    while (ticking) await new Promise((r) => setTimeout(r, 10));
    await conversations.settle();
    await packageRecorder.settle();
  });

  const extraDocs = [
    {
      path: '/api/v1/ws',
      method: 'get',
      summary: 'WebSocket: see src/protocol/ws.ts for the typed protocol',
      tags: ['live'],
    },
    { path: '/openapi.json', method: 'get', summary: 'This document', tags: ['meta'] },
    { path: '/metrics', method: 'get', summary: 'Prometheus metrics (text format)', tags: ['meta'] },
    ...Object.keys(deps.catalog.schemas).map((name) => ({
      path: `/schemas/${name}`,
      method: 'get',
      summary: `JSON Schema ${name}`,
      tags: ['meta'],
    })),
  ];
  app.get('/openapi.json', async () => buildOpenApi(router.docs, extraDocs));
  for (const [name, schema] of Object.entries(deps.catalog.schemas))
    app.get(`/schemas/${name}`, async () => schema);

  if (deps.serveWeb) await deps.serveWeb(app);

  return {
    app,
    conversations,
    agents,
    store,
    tokens,
    gateway,
    routing,
    routingStore,
    webhooks,
    contextPackages,
    feedback,
    analytics: { store: analyticsStore, metrics, checkSpikes },
  };
}

function installErrorHandling(app: FastifyInstance): void {
  const body = (code: string, message: string, details?: unknown) => ({
    error: { code, message, ...(details !== undefined && { details }) },
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(body('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      else req.log.info({ code: err.code }, err.message);
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) reply.header('retry-after', retry);
      reply.code(err.status).send(body(err.code, err.message, err.details));
      return;
    }
    const fastifyCode = (err as FastifyError).code;
    const mapped: Record<string, [number, string]> = {
      FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON'],
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'VALIDATION_FAILED'],
    };
    const known = fastifyCode ? mapped[fastifyCode] : undefined;
    if (known) {
      req.log.info({ code: known[1] }, err.message);
      reply.code(known[0]).send(body(known[1], err.message));
      return;
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      req.log.info({ err }, err.message);
      reply.code(status).send(body(err.name === 'SyntaxError' ? 'INVALID_JSON' : 'BAD_REQUEST', err.message));
      return;
    }
    req.log.error({ err }, 'unhandled error');
    reply.code(500).send(body('INTERNAL', 'something went wrong on our side'));
  });
}
