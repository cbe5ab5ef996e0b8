import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  BATON_DATA_DIR: z.string().default('./.baton-data'),
  BATON_PACKS_DIR: z.string().optional(),
  BATON_SECRET: z.string().min(16).optional(),
  BATON_API_KEYS: z.string().optional(),
  BATON_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BATON_MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).max(100_000).default(4000),
  BATON_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  BATON_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  BATON_DEMO_USERS: bool.optional(),
  BATON_INSTANCE_ID: z.string().optional(),
  /** Behind a load balancer: how many proxy hops to trust for the client address (X-Forwarded-For). */
  BATON_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  BATON_BOT_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  BATON_DRAIN_SECONDS: z.coerce.number().min(0).max(600).default(5),
  BATON_REDIS_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(5),
});

/** Everything Baton reads from its environment, validated once. */
export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  packsDir: string | undefined;
  /** Secret for signing tokens; when unset one is generated and kept in the data folder. */
  secret: string | undefined;
  /** API keys accepted for server-to-server calls (bring your own bot). */
  apiKeys: string[];
  logLevel: z.infer<typeof envSchema>['BATON_LOG_LEVEL'];
  maxMessageChars: number;
  rateLimitPerMinute: number;
  ipRateLimitPerMinute: number;
  /**
   * Create demo console accounts on an empty database: true or false when asked for explicitly; unset means
   * only on the embedded database (never on a shared PostgreSQL unless asked for). See `createsDemoUsers`.
   */
  demoUsers: boolean | undefined;
  instanceId: string | undefined;
  /** Proxy hops trusted for the client address; false when Baton faces clients directly. */
  trustProxy: number | false;
  /** How long an instance holds a conversation's pending bot turns; after a crash, others take over then. */
  botLeaseSeconds: number;
  /** On SIGTERM: how long `/readyz` answers 503 while requests are still served, before the server closes. */
  drainSeconds: number;
  /** How long the first connection to Redis may take at start before Baton gives up. */
  redisConnectTimeoutSeconds: number;
};

/** Coded failure to read the configuration, with every problem listed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the configuration from an environment (process.env by default), with command-line
 * overrides given as the same variable names (`{ PORT: '4000' }`).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Record<string, string | undefined> = {},
): Config {
  const parsed = envSchema.safeParse(stripEmpty({ ...env, ...overrides }));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.BATON_DATA_DIR,
    packsDir: e.BATON_PACKS_DIR,
    secret: e.BATON_SECRET,
    apiKeys: (e.BATON_API_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    logLevel: e.BATON_LOG_LEVEL,
    maxMessageChars: e.BATON_MAX_MESSAGE_CHARS,
    rateLimitPerMinute: e.BATON_RATE_LIMIT_PER_MINUTE,
    ipRateLimitPerMinute: e.BATON_IP_RATE_LIMIT_PER_MINUTE,
    demoUsers: e.BATON_DEMO_USERS,
    instanceId: e.BATON_INSTANCE_ID,
    trustProxy: e.BATON_TRUST_PROXY_HOPS > 0 ? e.BATON_TRUST_PROXY_HOPS : false,
    botLeaseSeconds: e.BATON_BOT_LEASE_SECONDS,
    drainSeconds: e.BATON_DRAIN_SECONDS,
    redisConnectTimeoutSeconds: e.BATON_REDIS_CONNECT_TIMEOUT_SECONDS,
  };
}

/** Whether demo accounts are created on an empty database: when asked for, else only without `DATABASE_URL`. */
export function createsDemoUsers(config: Pick<Config, 'demoUsers' | 'databaseUrl'>): boolean {
  return config.demoUsers ?? !config.databaseUrl;
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
