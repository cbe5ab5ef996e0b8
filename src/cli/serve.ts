import { saveDemoLogins } from '../agents/save-demo-logins.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseLockedError } from '../platform/db/lock-data-dir.ts';
import { createLogger } from '../platform/logger.ts';
import { parseFlags, withUsage } from './args.ts';

const usage = 'baton serve [--port N] [--host H] [--packs DIR] [--data DIR] [--dev]';

/** `baton serve`: runs the API, the widget, the console and the dashboard until stopped. */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values } = parseFlags(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        packs: { type: 'string' },
        data: { type: 'string' },
        dev: { type: 'boolean' },
      },
      usage,
    );
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(undefined, {
        ...(values.port !== undefined && { PORT: values.port }),
        ...(values.host !== undefined && { HOST: values.host }),
        ...(values.packs !== undefined && { BATON_PACKS_DIR: values.packs }),
        ...(values.data !== undefined && { BATON_DATA_DIR: values.data }),
      });
    } catch (err) {
      if (err instanceof ConfigError) {
        console.error(`baton: ${err.message}`);
        return 2;
      }
      throw err;
    }
    const { redactForLog } = await import('../handoff/redact-pii.ts');
    const log = createLogger(
      config.logLevel,
      values.dev === true || process.stdout.isTTY === true,
      redactForLog,
    );
    const { startBaton } = await import('../server/start-baton.ts');
    const { PackError } = await import('../bot/pack-error.ts');
    const { RedisUnavailableError } = await import('../platform/bus.redis.ts');
    let baton: Awaited<ReturnType<typeof startBaton>>;
    try {
      baton = await startBaton({ config, log });
    } catch (err) {
      if (
        err instanceof PackError ||
        err instanceof DatabaseLockedError ||
        err instanceof RedisUnavailableError
      ) {
        console.error(`baton: ${err.message}`);
        return 2;
      }
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        console.error(`baton: port ${config.port} is in use; set PORT or pass --port`);
        return 2;
      }
      throw err;
    }
    const storage = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(`\nBaton is running at ${baton.url}  (${storage}${config.redisUrl ? ', Redis' : ''})`);
    console.log(`  demo page and widget  ${baton.url}/`);
    console.log(`  agent console         ${baton.url}/console`);
    console.log(`  API reference         ${baton.url}/openapi.json`);
    if (baton.demoLogins.length > 0) {
      // The passwords go to a file only this user can read, never to stdout, which is often a log stream.
      const file = saveDemoLogins(config.dataDir, baton.demoLogins, new Date());
      console.log(`\nDemo console logins created now (admin, supervisor, one agent per team): see ${file}`);
    }
    console.log('');
    await nextSignal();
    // Drain: the load balancer sees /readyz fail and moves traffic away while requests are still served.
    // A second signal cuts the drain short.
    log.info({ drainSeconds: config.drainSeconds }, 'shutting down: draining');
    baton.drain();
    let drained: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((resolve) => {
        drained = setTimeout(resolve, config.drainSeconds * 1000);
      }),
      nextSignal(),
    ]);
    clearTimeout(drained);
    log.info('shutting down: closing connections');
    await baton.close();
    log.info('stopped');
    return 0;
  });
}

/** Resolves on the next SIGINT or SIGTERM. */
function nextSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
