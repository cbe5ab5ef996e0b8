import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
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
    BATON_REDIS_PREFIX: z.string().min(1).max(100).default('baton:'),
    BATON_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    BATON_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    BATON_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    BATON_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(72_000),
    BATON_WS_MAX_BUFFERED_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024),
    BATON_ALLOW_PRIVATE_TARGETS: z.string().optional(),
    BATON_METRICS_TOKEN: z.string().min(16).optional(),
    BATON_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    BATON_DOCUMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(100 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    BATON_DOCUMENT_TYPES: z.string().optional(),
    BATON_EMAIL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    BATON_EMAIL_ADDRESS: z.email().default('support@baton.localhost'),
    BATON_EMAIL_PACK: z.string().min(1).optional(),
    BATON_EMAIL_TRUSTED_AUTHSERV_ID: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be the authserv-id (a host name) the mail gateway writes')
      .optional(),
    BATON_EMAIL_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(25 * 1024 * 1024),
    BATON_SMTP_RELAY_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    BATON_TWILIO_ACCOUNT_SID: z.string().min(1).max(64).optional(),
    BATON_TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
    BATON_TWILIO_API_URL: z.url().default('https://api.twilio.com'),
    BATON_TWILIO_WEBHOOK_URL: z.url().optional(),
    BATON_SMS_PACK: z.string().min(1).optional(),
    BATON_IDENTITY_SECRET: z.string().min(32).optional(),
    BATON_IDENTITY_PUBLIC_KEY: z.string().min(1).optional(),
    BATON_IDENTITY_JWKS_URL: z.string().url().optional(),
    BATON_IDENTITY_ISSUER: z.string().min(1).optional(),
    BATON_IDENTITY_AUDIENCE: z.string().min(1).optional(),
    BATON_IDENTITY_REQUIRED: bool.default(false),
  })
  .refine((e) => (e.BATON_TWILIO_ACCOUNT_SID === undefined) === (e.BATON_TWILIO_AUTH_TOKEN === undefined), {
    path: ['BATON_TWILIO_AUTH_TOKEN'],
    message: 'set BATON_TWILIO_ACCOUNT_SID and BATON_TWILIO_AUTH_TOKEN together',
  })
  // Node refuses a headers timeout longer than the request timeout.
  .refine((e) => e.BATON_HEADERS_TIMEOUT_MS <= e.BATON_REQUEST_TIMEOUT_MS, {
    path: ['BATON_HEADERS_TIMEOUT_MS'],
    message: 'must not exceed BATON_REQUEST_TIMEOUT_MS',
  })
  .refine((e) => e.BATON_METRICS_PORT === undefined || e.BATON_METRICS_PORT !== e.PORT || e.PORT === 0, {
    path: ['BATON_METRICS_PORT'],
    message: 'must differ from PORT',
  })
  .refine(
    (e) =>
      !e.BATON_IDENTITY_REQUIRED ||
      Boolean(e.BATON_IDENTITY_SECRET || e.BATON_IDENTITY_PUBLIC_KEY || e.BATON_IDENTITY_JWKS_URL),
    {
      path: ['BATON_IDENTITY_REQUIRED'],
      message: 'needs BATON_IDENTITY_SECRET, BATON_IDENTITY_PUBLIC_KEY or BATON_IDENTITY_JWKS_URL',
    },
  )
  .refine((e) => !(e.BATON_IDENTITY_PUBLIC_KEY && e.BATON_IDENTITY_JWKS_URL), {
    path: ['BATON_IDENTITY_PUBLIC_KEY'],
    message: 'set either BATON_IDENTITY_PUBLIC_KEY or BATON_IDENTITY_JWKS_URL, not both',
  })
  .refine((e) => parseAllowList(e.BATON_ALLOW_PRIVATE_TARGETS) !== null, {
    path: ['BATON_ALLOW_PRIVATE_TARGETS'],
    message: 'must be true, false, or a comma-separated list of host names, addresses and CIDR ranges',
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
  /** Prefix of every Redis key and channel, so deployments can share one Redis. */
  redisPrefix: string;
  /** Slow clients: time to send the headers, the whole request, and the most a socket may sit idle. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Bytes queued for one WebSocket before it counts as a slow consumer and is closed. */
  wsMaxBufferedBytes: number;
  /** Webhook and HTTP-tool targets allowed despite a private address: `true` for all, or hosts and CIDRs. */
  allowPrivateTargets: true | string[];
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** When set, `/metrics` is served on this port only (bound to HOST), not on the main one. */
  metricsPort: number | undefined;
  /** The largest document a customer may send, in bytes. */
  documentMaxBytes: number;
  /** Media types accepted for documents (sniffed from content); unset: Baton's default list. */
  documentTypes: string[] | undefined;
  /** Email channel: Baton's SMTP listener port (unset: off; 0: any free port), its inbox address and pack. */
  emailPort: number | undefined;
  emailAddress: string;
  emailPack: string | undefined;
  /** The mail gateway whose Authentication-Results are believed (unset: no email names a known customer). */
  emailTrustedAuthservId: string | undefined;
  emailMaxBytes: number;
  /** The relay replies are sent through (`smtp://user:pass@host:587`); unset: replies are not emailed. */
  smtpRelayUrl: string | undefined;
  /** SMS through Twilio (or a provider of its REST shape): on when the account SID and auth token are set. */
  twilio:
    | { accountSid: string; authToken: string; apiUrl: string; webhookUrl: string | undefined }
    | undefined;
  smsPack: string | undefined;
  /** How customers prove who they are (host-signed identity; see docs/channels.md). */
  identity: IdentitySettings;
};

/** Keys that verify a host-signed customer identity, and whether one is required. */
export type IdentitySettings = {
  /** Shared secret: verifies HS256 JWTs and the HMAC-SHA256 of a user id. */
  secret: string | undefined;
  /** A PEM public key (SPKI) or a JWK (JSON) verifying RS256, PS256, ES256 or EdDSA JWTs. */
  publicKey: string | undefined;
  /** Where the host publishes its JSON Web Key Set (instead of one public key). */
  jwksUrl: string | undefined;
  /** When set, a JWT's `iss` and `aud` must match. */
  issuer: string | undefined;
  audience: string | undefined;
  /** Refuse customer-started conversations without a verified identity (and unverified claims of one). */
  required: boolean;
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
    redisPrefix: e.BATON_REDIS_PREFIX,
    headersTimeoutMs: e.BATON_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.BATON_REQUEST_TIMEOUT_MS,
    idleTimeoutMs: e.BATON_IDLE_TIMEOUT_MS,
    keepAliveTimeoutMs: e.BATON_KEEP_ALIVE_TIMEOUT_MS,
    wsMaxBufferedBytes: e.BATON_WS_MAX_BUFFERED_BYTES,
    allowPrivateTargets: parseAllowList(e.BATON_ALLOW_PRIVATE_TARGETS) ?? [],
    metricsToken: e.BATON_METRICS_TOKEN,
    metricsPort: e.BATON_METRICS_PORT,
    documentMaxBytes: e.BATON_DOCUMENT_MAX_BYTES,
    documentTypes: e.BATON_DOCUMENT_TYPES?.split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
    emailPort: e.BATON_EMAIL_PORT,
    emailAddress: e.BATON_EMAIL_ADDRESS.toLowerCase(),
    emailPack: e.BATON_EMAIL_PACK,
    emailTrustedAuthservId: e.BATON_EMAIL_TRUSTED_AUTHSERV_ID,
    emailMaxBytes: e.BATON_EMAIL_MAX_BYTES,
    smtpRelayUrl: e.BATON_SMTP_RELAY_URL,
    twilio:
      e.BATON_TWILIO_ACCOUNT_SID && e.BATON_TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.BATON_TWILIO_ACCOUNT_SID,
            authToken: e.BATON_TWILIO_AUTH_TOKEN,
            apiUrl: e.BATON_TWILIO_API_URL,
            webhookUrl: e.BATON_TWILIO_WEBHOOK_URL,
          }
        : undefined,
    smsPack: e.BATON_SMS_PACK,
    identity: {
      secret: e.BATON_IDENTITY_SECRET,
      publicKey: e.BATON_IDENTITY_PUBLIC_KEY,
      jwksUrl: e.BATON_IDENTITY_JWKS_URL,
      issuer: e.BATON_IDENTITY_ISSUER,
      audience: e.BATON_IDENTITY_AUDIENCE,
      required: e.BATON_IDENTITY_REQUIRED,
    },
  };
}

/** Whether demo accounts are created on an empty database: when asked for, else only without `DATABASE_URL`. */
export function createsDemoUsers(config: Pick<Config, 'demoUsers' | 'databaseUrl'>): boolean {
  return config.demoUsers ?? !config.databaseUrl;
}

/** `true`/`false` or a list of host names, addresses and CIDR ranges; null when an entry is malformed. */
function parseAllowList(value: string | undefined): true | string[] | null {
  const v = (value ?? '').trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['', 'false', '0', 'no'].includes(v)) return [];
  const entries = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return entries.every(isHostOrRange) ? entries : null;
}

function isHostOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  if (bits === undefined) return isIP(address) !== 0 || /^[a-z0-9.-]+$/.test(address);
  const max = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : -1;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
