import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DemoLogin } from '../agents/agent-service.ts';
import { loadPacks } from '../bot/load-packs.ts';
import { createHttpLookup } from '../bot/tool-lookup.ts';
import { assistTurn } from '../escalation/assist-turn.ts';
import { policyChecks } from '../escalation/check-policy.ts';
import { redactForLog } from '../handoff/redact-pii.ts';
import { learnInWorker } from '../improve/learn-in-worker.ts';
import { createDocumentPreparer, readPackDocument } from '../improve/pack-document.ts';
import { createPackRegistry } from '../improve/pack-registry.ts';
import { createMemoryBus } from '../platform/bus.memory.ts';
import { createRedisBus } from '../platform/bus.redis.ts';
import type { EventBus } from '../platform/bus.ts';
import { type Config, createsDemoUsers, loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { sharedSecret } from '../platform/db/shared-secret.ts';
import { createGuardedFetch } from '../platform/guarded-fetch.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { contextPackageJsonSchema } from '../protocol/context-package.ts';
import type { PackDocument } from '../protocol/learning.ts';
import { buildApp, type PackCatalog } from './app.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type StartOptions = {
  /** Overrides on top of the environment's configuration; `dataDir: ''` means an in-memory database. */
  config?: Partial<Config>;
  log?: Logger;
  /** Use this bus instead of building one from the config (tests share one between instances). */
  bus?: EventBus;
  now?: () => Date;
  /** Milliseconds between routing timer passes; 0 = tests call `services.routing.tick()` themselves. */
  routingTickMs?: number;
  presenceGraceSeconds?: number;
  /** Milliseconds between handoff-spike checks; 0 = tests call `services.analytics.checkSpikes()`. */
  spikeCheckMs?: number;
  /** Milliseconds between sweeps for unanswered customer messages; 0 = tests call `services.conversations.sweepBotWork()`. */
  botSweepMs?: number;
  /** Milliseconds between scheduled learning runs; 0 = on demand only (tests). */
  learnEveryMs?: number;
};

export type RunningBaton = {
  url: string;
  app: FastifyInstance;
  config: Config;
  demoLogins: DemoLogin[];
  /** The services behind the API, for tests and tools in the same process. */
  services: Pick<
    Awaited<ReturnType<typeof buildApp>>,
    | 'conversations'
    | 'documents'
    | 'channels'
    | 'agents'
    | 'routing'
    | 'routingStore'
    | 'store'
    | 'webhooks'
    | 'contextPackages'
    | 'feedback'
    | 'analytics'
    | 'incidents'
    | 'outcomeLabels'
    | 'improve'
  >;
  /** Begins shutdown: `/readyz` answers 503 while requests are still served (the drain period). */
  drain: () => void;
  /**
   * Stops: WebSocket clients get a notice and close code 1001, the server stops accepting, requests in flight
   * finish, the bot's turn in flight finishes and its leases are given back, then the database closes.
   */
  close: () => Promise<void>;
};

/** Opens the database, loads the packs, builds the app and listens: everything `baton serve` does. */
export async function startBaton(options: StartOptions = {}): Promise<RunningBaton> {
  const config: Config = { ...loadConfig(), ...options.config };
  const log = options.log ?? createLogger(config.logLevel, false, redactForLog);
  // Redis first: an unreachable one fails fast (RedisUnavailableError) before anything else is opened.
  const bus =
    options.bus ??
    (config.redisUrl
      ? await createRedisBus(config.redisUrl, {
          prefix: config.redisPrefix,
          connectTimeoutMs: config.redisConnectTimeoutSeconds * 1000,
        })
      : createMemoryBus());
  const closeBus = async () => {
    if (!options.bus) await bus.close();
  };
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl })
      : await openDatabase(config.dataDir ? { dataDir: config.dataDir } : {});
  } catch (err) {
    await closeBus();
    throw err;
  }
  let built: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    const secret = config.secret ?? (await sharedSecret(database.db));
    const lookup = createHttpLookup(createGuardedFetch(config.allowPrivateTargets));
    const packs = await loadPacks({
      checks: policyChecks,
      targets: config.allowPrivateTargets,
      lookup,
      extraDir: config.packsDir,
      cacheDir: config.dataDir ? join(config.dataDir, 'nlu-cache') : undefined,
    });
    const catalog = packCatalog(packs);
    // The bot reads its packs through the registry, which swaps in a new version when one goes live.
    const registry = createPackRegistry(packs);
    const disk = new Map<string, PackDocument>();
    for (const [id, loaded] of packs) if (loaded.file) disk.set(id, await readPackDocument(loaded.file));
    const cacheDir = config.dataDir ? join(config.dataDir, 'nlu-cache') : undefined;
    const preparer = createDocumentPreparer({ checks: policyChecks, cacheDir, lookup });
    for (const loaded of packs.values()) preparer.remember(loaded);
    const distDir = join(repoRoot, 'dist/web');
    built = await buildApp({
      config,
      database,
      bus,
      log,
      secret,
      catalog,
      assistant: { packs: registry.packs, assist: assistTurn },
      now: options.now,
      routingTickMs: options.routingTickMs,
      presenceGraceSeconds: options.presenceGraceSeconds,
      spikeCheckMs: options.spikeCheckMs,
      botSweepMs: options.botSweepMs,
      improve: {
        registry,
        prepare: preparer.prepare,
        checks: policyChecks,
        disk,
        engine: {
          learn: (document, history, { rejected }) =>
            learnInWorker(document, history, {
              rejected,
              cacheDir: cacheDir ?? join(tmpdir(), 'baton-nlu-cache'),
            }),
        },
        learnEveryMs: options.learnEveryMs,
      },
      serveWeb: existsSync(join(distDir, 'index.html'))
        ? async (app) => (await import('./serve-web.ts')).serveWeb(app, distDir)
        : undefined,
    });
    const demoLogins = createsDemoUsers(config) ? await built.agents.seedDemoUsers(catalog.teams()) : [];
    await built.app.listen({ port: config.port, host: config.host });
    const address = built.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const running = built;
    return {
      url,
      app: running.app,
      config,
      demoLogins,
      services: running,
      drain: running.startDraining,
      close: async () => {
        running.startDraining();
        await running.app.close();
        await running.store.writer.drain();
        await closeBus();
        await database.close();
      },
    };
  } catch (err) {
    // A failed start (a bad pack, a port in use) leaves nothing open that would keep the process alive.
    await built?.app.close().catch(() => {});
    await closeBus().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

function packCatalog(packs: Awaited<ReturnType<typeof loadPacks>>): PackCatalog {
  const list = [...packs.values()].map((p) => ({
    id: p.pack.id,
    name: p.pack.name,
    description: p.pack.description ?? '',
  }));
  const schemaFile = join(repoRoot, 'packs/pack.v1.schema.json');
  const schemas: Record<string, unknown> = {};
  if (existsSync(schemaFile)) schemas['pack.v1.json'] = JSON.parse(readFileSync(schemaFile, 'utf8'));
  schemas['context-package.v1.json'] = contextPackageJsonSchema();
  return {
    list: () => list,
    has: (id) => packs.has(id),
    defaultPack: packs.has('bank') ? 'bank' : (list[0]?.id ?? 'bank'),
    teams: () => {
      const seen = new Map<string, string>();
      for (const p of packs.values())
        for (const t of p.pack.teams) if (!seen.has(t.id)) seen.set(t.id, t.name);
      return [...seen].map(([team, name]) => ({ team, name: `${name} Agent` }));
    },
    schemas,
    teamSettings: () => {
      const seen = new Map<
        string,
        { id: string; name: string; skills: string[]; businessHours: Record<string, unknown> | null }
      >();
      for (const p of packs.values()) {
        for (const t of p.pack.teams) {
          if (!seen.has(t.id))
            seen.set(t.id, {
              id: t.id,
              name: t.name,
              skills: t.skills,
              businessHours:
                ((t.appointments?.businessHours ?? p.pack.businessHours) as
                  | Record<string, unknown>
                  | undefined) ?? null,
            });
        }
      }
      return [...seen.values()];
    },
    pack: (id) => packs.get(id)?.pack,
    wording: (id) => {
      const m = packs.get(id)?.pack.messages;
      return {
        queued: m?.handoffQueued ?? "You're number {{position}} in line; the expected wait is {{wait}}.",
        closed:
          m?.handoffClosed ??
          'Our {{team.name}} team is offline right now; they will pick this up {{opens}}.',
      };
    },
  };
}
