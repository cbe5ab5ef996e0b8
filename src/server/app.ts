import type { Server } from 'node:http';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { registerAgentRoutes } from '../agents/agent-routes.ts';
import { createAgentService } from '../agents/agent-service.ts';
import { createAgentStore } from '../agents/agent-store.ts';
import { createLoginThrottleStore } from '../agents/login-throttle-store.ts';
import { registerMacroRoutes, seedMacros } from '../agents/macro-routes.ts';
import { registerAnalyticsRoutes } from '../analytics/analytics-routes.ts';
import { createAnalyticsStore } from '../analytics/analytics-store.ts';
import { createBatonMetrics } from '../analytics/baton-metrics.ts';
import { createSpikeCheck } from '../analytics/check-spikes.ts';
import { instrumentServer } from '../analytics/instrument-server.ts';
import { observeMessages } from '../analytics/observe-messages.ts';
import { recordAnalyticsEvents } from '../analytics/record-analytics-events.ts';
import { registerAppointmentRoutes } from '../appointments/appointment-routes.ts';
import { createAppointmentService } from '../appointments/appointment-service.ts';
import { appointmentSource } from '../appointments/appointment-source.ts';
import { bookedTeamsOfCase } from '../appointments/booked-teams-of-case.ts';
import { type Assist, createRespondToCustomer, customerTurnStore } from '../assistant/respond-to-customer.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { registerAuditRoutes } from '../audit/audit-routes.ts';
import type { LoadedPack } from '../bot/load-packs.ts';
import type { PackCheck } from '../bot/parse-pack.ts';
import { createChannelStore } from '../channels/channel-store.ts';
import { continueOpenCase } from '../channels/continue-open-case.ts';
import { registerCustomerRoutes } from '../channels/customer-routes.ts';
import { deliverToChannels, type OutboundChannel } from '../channels/deliver-to-channels.ts';
import { createEmailChannel } from '../channels/email/email-channel.ts';
import { createReceiveEmail } from '../channels/email/receive-email.ts';
import { createSmtpSender } from '../channels/email/send-email.ts';
import { startSmtpListener } from '../channels/email/smtp-listener.ts';
import { createReceiveSms } from '../channels/sms/receive-sms.ts';
import { createTwilioSender } from '../channels/sms/send-sms.ts';
import { createSmsChannel } from '../channels/sms/sms-channel.ts';
import { registerSmsRoutes } from '../channels/sms/sms-routes.ts';
import { summarizeTimeline } from '../channels/summarize-timeline.ts';
import { conversationSource, createTimeline, ticketSource } from '../channels/timeline-sources.ts';
import { createIdentityVerifier } from '../channels/verify-identity.ts';
import { packsResponseSchema, registerConversationRoutes } from '../conversations/conversation-routes.ts';
import { createConversationService } from '../conversations/conversation-service.ts';
import { createConversationStore } from '../conversations/conversation-store.ts';
import { defaultDocumentTypes } from '../documents/check-upload.ts';
import { registerDocumentRoutes } from '../documents/document-routes.ts';
import { createDocumentService } from '../documents/document-service.ts';
import { documentSource } from '../documents/document-source.ts';
import { createDocumentStore } from '../documents/document-store.ts';
import { registerFeedbackRoutes } from '../feedback/feedback-routes.ts';
import { createFeedbackService } from '../feedback/feedback-service.ts';
import { createFeedbackStore } from '../feedback/feedback-store.ts';
import { createOutcomeLabels } from '../feedback/outcome-labels.ts';
import { createOutcomeStore } from '../feedback/outcome-store.ts';
import { createContextPackageStore } from '../handoff/context-package-store.ts';
import { registerHandoffRoutes } from '../handoff/handoff-routes.ts';
import { recordContextPackages } from '../handoff/record-context-package.ts';
import { redactForLog } from '../handoff/redact-pii.ts';
import { allowCrossOrigin } from '../http/allow-cross-origin.ts';
import { answerProblems, frameworkErrors } from '../http/answer-problems.ts';
import { createAuthenticate } from '../http/authenticate.ts';
import { createRouter } from '../http/define-route.ts';
import { limitRequests } from '../http/limit-requests.ts';
import { buildOpenApi } from '../http/openapi.ts';
import { createRateLimits } from '../http/rate-limits.ts';
import { createImprove } from '../improve/create-improve.ts';
import { registerImproveRoutes } from '../improve/improve-routes.ts';
import type { PackRegistry } from '../improve/pack-registry.ts';
import type { PrepareDocument } from '../improve/pack-versions.ts';
import { createShadowStore } from '../improve/shadow-store.ts';
import type { LearningEngine } from '../improve/suggestion-queue.ts';
import { withShadow } from '../improve/with-shadow.ts';
import { wireIncidents } from '../incidents/wire-incidents.ts';
import type { EventBus } from '../platform/bus.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { createTokenSigner } from '../platform/tokens.ts';
import type { BusinessEvent } from '../protocol/business-events.ts';
import type { PackDocument } from '../protocol/learning.ts';
import type { Pack } from '../protocol/pack.ts';
import { agentTopic, supervisorTopic } from '../protocol/topics.ts';
import { type WebhookEventType, webhookEventTypes } from '../protocol/webhook.ts';
import type { ServerMessage } from '../protocol/ws.ts';
import { registerQueueRoutes } from '../routing/queue-routes.ts';
import { registerRoutingRoutes } from '../routing/routing-routes.ts';
import { createRoutingService } from '../routing/routing-service.ts';
import { createRoutingStore } from '../routing/routing-store.ts';
import { registerTeamHoursRoutes } from '../routing/team-hours-routes.ts';
import { createWebhookDispatcher } from '../webhooks/webhook-dispatcher.ts';
import { registerWebhookRoutes } from '../webhooks/webhook-routes.ts';
import { createWebhookStore } from '../webhooks/webhook-store.ts';
import { serverTimeouts } from './server-timeouts.ts';
import { subscribeToChanges } from './subscribe-to-changes.ts';
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
  /** The bot and policy that answer customers (the packs and `assistTurn`); null: no bot, people answer. */
  assistant: { packs: ReadonlyMap<string, LoadedPack>; assist: Assist } | null;
  now?: () => Date;
  /** Registers the web assets (widget, demo, console) when they are built. */
  serveWeb?: (app: FastifyInstance) => Promise<void>;
  /** Milliseconds between routing timer passes (offers, SLA, presence); 0 disables the loop (tests drive it). */
  routingTickMs?: number;
  presenceGraceSeconds?: number;
  /** Milliseconds between handoff-spike checks; default 60 s when the routing loop runs, else 0 (tests call it). */
  spikeCheckMs?: number;
  /** Milliseconds between sweeps for unanswered customer messages; default 1 s when the routing loop runs, else 0 (tests call `conversations.sweepBotWork()`). */
  botSweepMs?: number;
  /** The learning loop's live part: pack versions swapped in the registry, shadow runs, the suggestions queue. */
  improve?: {
    registry: PackRegistry;
    prepare: PrepareDocument;
    checks: readonly PackCheck[];
    disk: ReadonlyMap<string, PackDocument>;
    engine: LearningEngine | null;
    /** Milliseconds between scheduled learning runs; default a day when the routing loop runs, else 0. */
    learnEveryMs?: number;
  };
};

/** The team a pack's conversations go to when no better one is known: its default team, else its first. */
function defaultTeam(catalog: PackCatalog, pack: string): string | null {
  const teams = catalog.pack(pack)?.teams ?? [];
  return teams.find((t) => t.default)?.id ?? teams[0]?.id ?? null;
}

/** The composition root: builds the Fastify app and the services behind it. */
export async function buildApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const { config, log } = deps;
  const options: FastifyHttpOptions<Server> = {
    ...serverTimeouts(config),
    bodyLimit: Math.max(64 * 1024, config.maxMessageChars * 8),
    // Only behind a known number of proxies is X-Forwarded-For the client's address (rate limits key on it).
    trustProxy:
      config.trustProxy === false
        ? false
        : (_address: string, hop: number) => hop < (config.trustProxy as number),
    frameworkErrors,
    // Answered by `answerProblems`, as problem details like every other error.
    return503OnClosing: false,
  };
  const app = Fastify({ ...options, loggerInstance: log as unknown as FastifyBaseLogger });
  // Pings are answered by the gateway, which counts them against the connection's rate limit.
  await app.register(websocket, {
    options: { maxPayload: 256 * 1024, autoPong: false },
    preClose: closeSocketsGoingAway,
  });

  const tokens = createTokenSigner(deps.secret);
  const rateLimits = await createRateLimits(config, log);
  const store = createConversationStore(deps.database.db, {
    maxInFlight: deps.database.kind === 'postgres' ? 2 : 1,
    now,
  });
  const analyticsStore = createAnalyticsStore(deps.database.db);
  const metrics = createBatonMetrics(
    { queueDepth: () => analyticsStore.queueDepth(), agentsOnline: () => analyticsStore.agentsOnline() },
    log,
  );
  const shadow =
    deps.improve && deps.assistant
      ? withShadow({
          live: deps.assistant.assist,
          registry: deps.improve.registry,
          store: createShadowStore(deps.database.db),
          log,
        })
      : null;
  const timeline = createTimeline([
    conversationSource,
    ticketSource,
    appointmentSource(deps.catalog.pack),
    documentSource,
  ]);
  const conversations = createConversationService({
    // Stored messages feed analytics (counts, agent reply times); the recorder is built just below.
    store: observeMessages(store, (message) => analytics.onMessage(message)),
    bus: deps.bus,
    tokens,
    now,
    log,
    maxMessageChars: config.maxMessageChars,
    respond: deps.assistant
      ? createRespondToCustomer({
          store: customerTurnStore(store),
          pack: (id) => deps.assistant?.packs.get(id),
          assist: shadow?.assist ?? deps.assistant.assist,
          now,
        })
      : null,
    packExists: deps.catalog.has,
    defaultPack: deps.catalog.defaultPack,
    fallbackTeam: (pack) => defaultTeam(deps.catalog, pack),
    botLeaseMs: config.botLeaseSeconds * 1000,
    instanceId: config.instanceId,
    continueCase: continueOpenCase(timeline, now),
  });
  const audit = createAuditLog(deps.database.db, now);
  const agents = createAgentService({
    audited: audit.change,
    store: createAgentStore(deps.database.db),
    throttle: createLoginThrottleStore(deps.database.db),
    tokens,
    bus: deps.bus,
    now,
  });
  const webhooks = createWebhookDispatcher({
    store: createWebhookStore(deps.database.db),
    targets: config.allowPrivateTargets,
    now,
    log,
    redact: redactForLog,
  });
  const knownWebhookEvents = new Set<string>(webhookEventTypes);
  const analytics = recordAnalyticsEvents({ conversations, store: analyticsStore, metrics, now, log });
  /** Every business event goes to analytics and out to webhook subscribers. */
  const emitEvent = async (event: BusinessEvent) => {
    await analytics.onEmitted(event);
    if (!knownWebhookEvents.has(event.type)) return;
    await webhooks
      .publish(event.type as WebhookEventType, { conversationId: event.conversationId, ...event.data })
      .catch((err: unknown) => log.warn({ err, event: event.type }, 'webhook enqueue failed'));
  };
  const contextPackages = createContextPackageStore(deps.database.db);
  const packageRecorder = recordContextPackages({
    conversations,
    store: contextPackages,
    pack: deps.catalog.pack,
    now,
    log,
    history: async (c) =>
      summarizeTimeline(await timeline.list(deps.database.db, c.customerId), now(), {
        exceptConversationId: c.id,
      }),
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
    handoffReason: async (id) => (await contextPackages.get(id))?.package.decision.reasons[0] ?? null,
    presenceGraceSeconds: deps.presenceGraceSeconds,
    emit: emitEvent,
    audited: audit.change,
  });
  const channelStore = createChannelStore(deps.database.db);
  const emailSender = config.smtpRelayUrl
    ? createSmtpSender({ relayUrl: config.smtpRelayUrl, from: config.emailAddress })
    : null;
  const outbound: OutboundChannel[] = [];
  if (emailSender) outbound.push(createEmailChannel({ store: channelStore, send: emailSender, now, log }));
  if (config.twilio) {
    const send = createTwilioSender({
      baseUrl: config.twilio.apiUrl,
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
    });
    outbound.push(createSmsChannel({ store: channelStore, send, log }));
  }
  subscribeToChanges({
    conversations,
    analytics,
    emit: emitEvent,
    contextPackages: packageRecorder,
    routing,
    channels: deliverToChannels({ channels: outbound, log }),
    log,
  });

  const feedback = createFeedbackService({
    store: createFeedbackStore(deps.database.db),
    conversations,
    now,
    onRated: (csat) => metrics.csat(csat.path, csat.rating),
  });
  const outcomeLabels = createOutcomeLabels({ store: createOutcomeStore(deps.database.db), now });
  // An ended conversation gets the labels read off what happened (and re-contacts relabel earlier ones).
  conversations.onEvent(async (e) => {
    if (e.type === 'lifecycle' && (e.event.type === 'resolve' || e.event.type === 'close'))
      await outcomeLabels.ended(e.conversation.id);
  });
  const documents = createDocumentService({
    store: createDocumentStore(deps.database.db),
    conversations,
    limits: {
      maxBytes: config.documentMaxBytes,
      allowedTypes: config.documentTypes ?? defaultDocumentTypes,
    },
    agentTeams: async (id) => (await agents.get(id)).teams,
    appointmentTeams: (c) => bookedTeamsOfCase(deps.database.db, c),
    now,
  });
  const receiveEmail = createReceiveEmail({
    conversations,
    documents,
    channels: channelStore,
    inbox: config.emailAddress,
    pack: config.emailPack ?? deps.catalog.defaultPack,
    trustedAuthservId: config.emailTrustedAuthservId,
    maxMessageChars: config.maxMessageChars,
    now,
  });
  const smtp =
    config.emailPort === undefined
      ? null
      : await startSmtpListener({
          host: config.host,
          port: config.emailPort,
          inboxes: [config.emailAddress],
          maxBytes: config.emailMaxBytes,
          receive: receiveEmail,
          log,
        });
  const checkSpikes = createSpikeCheck({ store: analyticsStore, bus: deps.bus, emit: emitEvent, now, log });

  answerProblems(app);
  // Files travel as raw bytes; only the routes that take them (`rawBody` in the route kit) accept them.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  // Provider webhooks (Twilio) post HTML forms: read as an object of strings.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  instrumentServer(app, metrics);
  allowCrossOrigin(app);
  const { limitCaller } = limitRequests(app, rateLimits);

  const router = createRouter(
    app,
    createAuthenticate({
      tokens,
      apiKeys: config.apiKeys,
      now,
      rateLimit: limitCaller,
      checkSession: (claims) => agents.checkSession(claims),
    }),
  );
  registerConversationRoutes(router, conversations, {
    verifier: await createIdentityVerifier(config.identity, now),
    required: config.identity.required,
  });
  registerAgentRoutes(router, agents, conversations);
  registerCustomerRoutes(router, { db: deps.database.db, timeline, now });
  registerAppointmentRoutes(router, {
    appointments: createAppointmentService({
      db: deps.database.db,
      conversations,
      pack: deps.catalog.pack,
      defaultPack: deps.catalog.defaultPack,
      now,
    }),
    conversations,
    agents,
  });
  registerRoutingRoutes(router, routing, agents, conversations);
  registerQueueRoutes(router, routing, agents);
  registerTeamHoursRoutes(router, routing, agents, now);
  registerWebhookRoutes(router, webhooks, audit.change, now);
  registerMacroRoutes(router, deps.database.db, agents, audit.change);
  registerAuditRoutes(router, audit);
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
  registerDocumentRoutes(router, documents);
  if (config.twilio)
    registerSmsRoutes(router, {
      authToken: config.twilio.authToken,
      accountSid: config.twilio.accountSid,
      webhookUrl: config.twilio.webhookUrl,
      receive: createReceiveSms({
        conversations,
        channels: channelStore,
        pack: config.smsPack ?? deps.catalog.defaultPack,
        maxMessageChars: config.maxMessageChars,
        now,
      }),
    });
  const incidents = wireIncidents({
    app,
    router,
    db: deps.database.db,
    bus: deps.bus,
    log,
    now,
    packs: deps.catalog,
    people: { get: (id) => agents.get(id) },
    webhooks,
    tickMs: deps.routingTickMs ?? 1000,
  });
  const improve = deps.improve
    ? await createImprove({
        db: deps.database.db,
        bus: deps.bus,
        log,
        now,
        registry: deps.improve.registry,
        prepare: deps.improve.prepare,
        checks: deps.improve.checks,
        labels: outcomeLabels,
        engine: deps.improve.engine,
        disk: deps.improve.disk,
        pollMs: (deps.routingTickMs ?? 1000) > 0 ? 5000 : 0,
        learnEveryMs: deps.improve.learnEveryMs ?? ((deps.routingTickMs ?? 1000) > 0 ? 86_400_000 : 0),
      })
    : null;
  if (improve && deps.improve) registerImproveRoutes(router, improve, deps.improve.registry);
  const { metricsUrl } = registerAnalyticsRoutes(router, app, {
    store: analyticsStore,
    metrics,
    now,
    exposure: { token: config.metricsToken, port: config.metricsPort, host: config.host },
  });

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
  /** Set when shutdown begins: load balancers stop sending traffic while requests are still served. */
  let draining = false;
  router.route({
    method: 'GET',
    url: '/readyz',
    summary: 'The instance takes traffic: not shutting down, and the database and Redis (when used) answer',
    tags: ['health'],
    access: 'public',
    response: z.object({
      status: z.literal('ready'),
      database: z.string(),
      redis: z.enum(['up', 'not used']),
    }),
    handler: async () => {
      if (draining) throw new AppError('NOT_READY', 'shutting down', { draining: true });
      const [database, redis] = await Promise.all([
        deps.database.ping().then(
          () => 'up' as const,
          (err: unknown) => {
            log.warn({ err }, 'readiness check: the database does not answer');
            return 'down' as const;
          },
        ),
        deps.bus.kind !== 'redis'
          ? ('not used' as const)
          : deps.bus.ping().then(
              () => 'up' as const,
              (err: unknown) => {
                log.warn({ err }, 'readiness check: Redis does not answer');
                return 'down' as const;
              },
            ),
      ]);
      if (database === 'down' || redis === 'down') {
        const down = [database === 'down' && 'the database', redis === 'down' && 'Redis'].filter(Boolean);
        throw new AppError(
          'NOT_READY',
          `${down.join(' and ')} ${down.length > 1 ? 'do' : 'does'} not answer`,
          {
            database,
            redis,
          },
        );
      }
      return { status: 'ready' as const, database: deps.database.kind, redis };
    },
  });

  const gateway = registerWsGateway(app, {
    bus: deps.bus,
    conversations,
    tokens,
    log,
    now,
    rateLimit: async (k) => (await rateLimits.caller.hit(k)).retryAfterMs,
    maxFrameBytes: Math.max(16 * 1024, config.maxMessageChars * 8),
    maxBufferedBytes: config.wsMaxBufferedBytes,
    presence: {
      connect: (id, role) => routing.connect(id, role),
      set: (id, status) => routing.setPresence(id, status),
      heartbeat: (ids) => routing.heartbeat(ids),
    },
    checkSession: agents.checkSession,
    agentName: async (id) => (await routingStore.agentNames([id])).get(id) ?? 'An agent',
    consoleTopics: (agentId, role) => [agentTopic(agentId), ...(role === 'agent' ? [] : [supervisorTopic])],
  });
  // A change to an account on any instance (with Redis) ends its revoked sessions here too, sockets included.
  const stopWatchingAccounts = await agents.watch(gateway.accountChanged);
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
  // Any instance answers customer messages left unanswered by a crashed instance or a failed turn.
  const sweepMs = deps.botSweepMs ?? (tickMs > 0 ? 1000 : 0);
  const sweepTimer =
    sweepMs > 0
      ? setInterval(() => {
          // One sweep at a time: the worker hands a running sweep back instead of starting another.
          conversations.sweepBotWork().catch((err: unknown) => log.error({ err }, 'bot work sweep failed'));
        }, sweepMs)
      : null;
  sweepTimer?.unref();
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    if (spikeTimer) clearInterval(spikeTimer);
    if (sweepTimer) clearInterval(sweepTimer);
    await spikeRun;
    await webhooks.stop();
    await stopWatchingAccounts();
    gateway.close();
    while (ticking) await new Promise((r) => setTimeout(r, 10));
    await conversations.stopBotWork();
    await shadow?.settle();
    await improve?.close();
    await packageRecorder.settle();
    await rateLimits.close();
    await smtp?.close();
    emailSender?.close();
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
    /** Begins shutdown: `/readyz` answers 503 from now on; everything else is still served until `app.close()`. */
    startDraining: () => {
      draining = true;
    },
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
    documents,
    channels: { store: channelStore, receiveEmail, emailPort: smtp?.port ?? null },
    incidents,
    outcomeLabels,
    improve,
    analytics: { store: analyticsStore, metrics, checkSpikes, metricsUrl },
  };
}

/** What WebSocket clients hear before the server closes their connection to shut down. */
const goingAwayNotice: ServerMessage = {
  type: 'notice',
  level: 'info',
  text: 'This server is restarting; reconnecting you to another one.',
  conversationId: null,
  event: 'server.shutdown',
};

/**
 * On close, instead of the plugin's bare close: a notice, then close code 1001 (going away), which the widget and
 * console answer by reconnecting (to another instance behind the load balancer) and resuming from their last seq.
 */
function closeSocketsGoingAway(this: FastifyInstance, done: () => void): void {
  const text = JSON.stringify(goingAwayNotice);
  for (const client of this.websocketServer.clients) {
    if (client.readyState === client.OPEN) client.send(text);
    client.close(1001, 'server shutting down');
  }
  this.websocketServer.close();
  done();
}
