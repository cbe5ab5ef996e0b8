import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DemoLogin } from '../agents/agent-service.ts';
import { loadPacks } from '../bot/load-packs.ts';
import type { BotResponder } from '../conversations/conversation-service.ts';
import { redactForLog } from '../handoff/redact-pii.ts';
import { createMemoryBus } from '../platform/bus.memory.ts';
import { createRedisBus } from '../platform/bus.redis.ts';
import type { EventBus } from '../platform/bus.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { sharedSecret } from '../platform/db/shared-secret.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { contextPackageJsonSchema } from '../protocol/context-package.ts';
import { buildApp, type PackCatalog } from './app.ts';
import { createBotResponder } from './bot-responder.ts';

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
    | 'agents'
    | 'routing'
    | 'routingStore'
    | 'store'
    | 'webhooks'
    | 'contextPackages'
    | 'feedback'
    | 'analytics'
  >;
  close: () => Promise<void>;
};

/** Opens the database, loads the packs, builds the app and listens: everything `baton serve` does. */
export async function startBaton(options: StartOptions = {}): Promise<RunningBaton> {
  const config: Config = { ...loadConfig(), ...options.config };
  const log = options.log ?? createLogger(config.logLevel, false, redactForLog);
  const database = config.databaseUrl
    ? await openDatabase({ url: config.databaseUrl })
    : await openDatabase(config.dataDir ? { dataDir: config.dataDir } : {});
  const bus =
    options.bus ??
    (config.redisUrl ? await createRedisBus(config.redisUrl, config.redisPrefix) : createMemoryBus());
  const secret = config.secret ?? (await sharedSecret(database.db));
  const packs = await loadPacks({
    extraDir: config.packsDir,
    cacheDir: config.dataDir ? join(config.dataDir, 'nlu-cache') : undefined,
    targets: config.allowPrivateTargets,
  });
  const catalog = packCatalog(packs);
  const respond: BotResponder = createBotResponder(packs);
  const distDir = join(repoRoot, 'dist/web');
  const built = await buildApp({
    config,
    database,
    bus,
    log,
    secret,
    catalog,
    respond,
    now: options.now,
    routingTickMs: options.routingTickMs,
    presenceGraceSeconds: options.presenceGraceSeconds,
    spikeCheckMs: options.spikeCheckMs,
    serveWeb: existsSync(join(distDir, 'index.html'))
      ? async (app) => (await import('./serve-web.ts')).serveWeb(app, distDir)
      : undefined,
  });
  const demoLogins = config.demoUsers ? await built.agents.seedDemoUsers(catalog.teams()) : [];
  await built.app.listen({ port: config.port, host: config.host });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    url,
    app: built.app,
    config,
    demoLogins,
    services: built,
    close: async () => {
      await built.app.close();
      await built.store.writer.drain();
      if (!options.bus) await bus.close();
      await database.close();
    },
  };
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
              businessHours: (p.pack.businessHours as Record<string, unknown> | undefined) ?? null,
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
