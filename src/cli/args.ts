import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Coded failure of a command line: printed as a clear message with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses flags strictly; unknown flags become a UsageError with the command's usage line. */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true as const, strict: true as const });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
}

/** Runs a command body, turning a UsageError into a message and exit code 2. */
export async function withUsage(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`baton: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
