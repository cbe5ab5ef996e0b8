import { createInterface } from 'node:readline';
import type { AgentService } from '../agents/agent-service.ts';
import { generatePassword } from '../agents/generate-password.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseLockedError } from '../platform/db/lock-data-dir.ts';
import { AppError } from '../platform/errors.ts';
import { createAgentBodySchema } from '../protocol/agent.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage = [
  'baton user create --email EMAIL --name NAME [--role agent|supervisor|admin] [--teams T1,T2] [--capacity N] [--password-stdin]',
  '       baton user reset-password --email EMAIL [--password-stdin]',
  '  Without --password-stdin a strong password is generated and printed once.',
].join('\n');

const flags = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  teams: { type: 'string' },
  capacity: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

/** `baton user create` and `baton user reset-password`: console accounts from the command line. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values, positionals } = parseFlags(argv, flags, usage);
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\nusage: ${usage}`);
    if (action === 'create') {
      const input = createInput(values);
      return withAgents(async (agents) => {
        const password = await choosePassword(values['password-stdin'], input);
        const agent = await agents.create({ ...input, password: password.value, skills: input.teams }, 'cli');
        console.log(`Created ${agent.role} account ${agent.email} (${agent.id}).`);
        if (password.generated) printPassword(password.value);
        return 0;
      });
    }
    if (action === 'reset-password') {
      const email = values.email?.trim();
      if (!email) throw new UsageError(`--email is required\nusage: ${usage}`);
      for (const name of ['name', 'role', 'teams', 'capacity'] as const)
        if (values[name] !== undefined)
          throw new UsageError(`--${name} is for "user create" only\nusage: ${usage}`);
      return withAgents(async (agents) => {
        const agent = await agents.findByEmail(email);
        if (!agent) throw new AppError('AGENT_NOT_FOUND', `no account with email ${email.toLowerCase()}`);
        const password = await choosePassword(values['password-stdin'], agent);
        await agents.update(agent.id, { password: password.value }, 'cli');
        console.log(`New password set for ${agent.email}; every session it had is signed out.`);
        if (!agent.active) console.log('Note: this account is deactivated; an admin can reactivate it.');
        if (password.generated) printPassword(password.value);
        return 0;
      });
    }
    throw new UsageError(
      `${action ? `unknown action "${action}"` : 'say what to do: create or reset-password'}\nusage: ${usage}`,
    );
  });
}

type Values = { [K in keyof typeof flags]?: (typeof flags)[K]['type'] extends 'boolean' ? boolean : string };

/** Validates the flags of `user create` with the same rules as the admin API. */
function createInput(values: Values) {
  if (values.email === undefined) throw new UsageError(`--email is required\nusage: ${usage}`);
  if (values.name === undefined) throw new UsageError(`--name is required\nusage: ${usage}`);
  const capacity = values.capacity === undefined ? undefined : Number(values.capacity);
  if (capacity !== undefined && (!Number.isInteger(capacity) || capacity < 1 || capacity > 50))
    throw new UsageError(`--capacity must be a whole number from 1 to 50\nusage: ${usage}`);
  const parsed = createAgentBodySchema.omit({ password: true }).safeParse({
    email: values.email.trim(),
    name: values.name.trim(),
    role: values.role,
    teams:
      values.teams === undefined
        ? undefined
        : values.teams
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
    capacity,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = String(issue.path[0] ?? 'input');
    throw new UsageError(`--${flag}: ${issue.message}\nusage: ${usage}`);
  }
  return parsed.data;
}

/** The password from the first line of standard input, or a generated one. */
async function choosePassword(
  fromStdin: boolean | undefined,
  account: { email: string; name: string },
): Promise<{ value: string; generated: boolean }> {
  if (!fromStdin) return { value: generatePassword(account), generated: true };
  const line = await firstLine();
  if (!line) throw new UsageError('--password-stdin: standard input has no password on its first line');
  return { value: line, generated: false };
}

function firstLine(): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin, terminal: false });
    let first: string | null = null;
    lines.once('line', (line) => {
      first = line;
      lines.close();
    });
    lines.once('close', () => resolve((first ?? '').replace(/\r$/, '')));
  });
}

function printPassword(password: string): void {
  console.log(`Password (shown this once; Baton keeps only a hash): ${password}`);
}

/**
 * Opens the configured database and Redis (so running instances hear of the change), runs `body` with the
 * account service, and turns the errors a person can fix into a message and an exit code.
 */
async function withAgents(body: (agents: AgentService) => Promise<number>): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const { openDatabase } = await import('../platform/db/database.ts');
  const { createAgentService } = await import('../agents/agent-service.ts');
  const { createAgentStore } = await import('../agents/agent-store.ts');
  const { createLoginThrottleStore } = await import('../agents/login-throttle-store.ts');
  const { createMemoryBus } = await import('../platform/bus.memory.ts');
  const { createRedisBus } = await import('../platform/bus.redis.ts');
  const { sharedSecret } = await import('../platform/db/shared-secret.ts');
  const { createTokenSigner } = await import('../platform/tokens.ts');
  const { createAuditLog } = await import('../audit/audit-log.ts');
  let database: Awaited<ReturnType<typeof openDatabase>> | null = null;
  let bus: Awaited<ReturnType<typeof createRedisBus>> | null = null;
  try {
    database = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl, poolSize: 2 })
      : await openDatabase({ dataDir: config.dataDir });
    bus = config.redisUrl ? await createRedisBus(config.redisUrl) : createMemoryBus();
    const agents = createAgentService({
      store: createAgentStore(database.db),
      throttle: createLoginThrottleStore(database.db),
      tokens: createTokenSigner(config.secret ?? (await sharedSecret(database.db))),
      bus,
      now: () => new Date(),
      audited: createAuditLog(database.db, () => new Date()).change,
    });
    return await body(agents);
  } catch (err) {
    if (err instanceof AppError || err instanceof DatabaseLockedError) {
      console.error(`baton: ${err.message}`);
      return err instanceof DatabaseLockedError || err.code === 'WEAK_PASSWORD' ? 2 : 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
      console.error(`baton: cannot open the database: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  } finally {
    await bus?.close();
    await database?.close();
  }
}
