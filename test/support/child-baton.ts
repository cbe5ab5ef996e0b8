import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDemoLogins } from '../../src/agents/save-demo-logins.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A console login `baton serve` saved on the first start against an empty database (it prints only the file). */
export type PrintedLogin = { role: string; email: string; password: string };

/** A `baton serve` child process, ready to serve. */
export type ChildBaton = {
  url: string;
  pid: number;
  /** Logins from the demo logins file the banner names (empty when this instance did not create them). */
  demoLogins: PrintedLogin[];
  /** Everything the child printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** `kill -9`: gone at once, no graceful shutdown. */
  crash: () => Promise<void>;
  /** SIGTERM (graceful close), then SIGKILL if it is still alive after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
};

const running = new Set<ChildProcess>();
// A test worker that dies must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns `node bin/baton.js serve --port PORT` with `env` on top of this process's environment, waits until
 * it prints its banner and answers `/readyz`, and returns its URL and printed demo logins.
 */
export async function startChildBaton(options: {
  env: Record<string, string>;
  /** 0 (the default) lets the OS choose; the URL is read from the banner. */
  port?: number;
  timeoutMs?: number;
}): Promise<ChildBaton> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child = spawn(
    process.execPath,
    ['bin/baton.js', 'serve', '--port', String(options.port ?? 0), '--host', '127.0.0.1'],
    { cwd: repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let stdout = '';
  let all = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    all += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    all += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const output = () => all;
  const kill = async (signal: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs).unref());
    if ((await Promise.race([exited, timer])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
  };

  try {
    const deadline = Date.now() + timeoutMs;
    const banner = await waitFor(
      () => parseBanner(stdout),
      deadline,
      exited,
      () => `no banner from baton serve\n${all}`,
    );
    await waitFor(
      () => isReady(banner.url),
      deadline,
      exited,
      () => `${banner.url}/readyz never answered\n${all}`,
    );
    // The banner is written in one go, before the server answers; read it again in case a chunk split it.
    const logins = parseBanner(stdout)?.logins ?? banner.logins;
    return {
      url: banner.url,
      pid: child.pid!,
      demoLogins: logins,
      output,
      exited,
      crash: () => kill('SIGKILL', 5_000),
      stop: (graceMs = 5_000) => kill('SIGTERM', graceMs),
    };
  } catch (err) {
    await kill('SIGKILL', 5_000);
    throw err;
  }
}

/** The URL and logins, once the banner (which ends with an empty line) is complete. */
function parseBanner(stdout: string): { url: string; logins: PrintedLogin[] } | null {
  const start = stdout.indexOf('Baton is running at ');
  if (start < 0) return null;
  const lines = stdout.slice(start).split('\n');
  const url = /^Baton is running at (\S+)/.exec(lines[0]!)?.[1];
  const reference = lines.findIndex((l) => l.startsWith('  API reference'));
  if (!url || reference < 0 || lines.length < reference + 3) return null;
  // After the links: an empty line, then either the end (nothing more) or the line naming the logins file.
  if (!lines[reference + 2]!.startsWith('Demo console logins')) {
    return lines[reference + 2] === '' && lines[reference + 1] === '' ? { url, logins: [] } : null;
  }
  const file = /see (\S+)$/.exec(lines[reference + 2]!)?.[1];
  if (!file || lines.length < reference + 4) return null;
  return { url, logins: parseDemoLogins(readFileSync(file, 'utf8')) };
}

async function isReady(url: string): Promise<true | null> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? true : null;
  } catch {
    return null;
  }
}

/** Polls `probe` until it returns a value, the deadline passes, or the process exits. */
async function waitFor<T>(
  probe: () => T | null | Promise<T | null>,
  deadline: number,
  exited: Promise<number | string>,
  describe: () => string,
): Promise<T> {
  let gone: number | string | null = null;
  void exited.then((code) => {
    gone = code;
  });
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (gone !== null) throw new Error(`baton serve exited (${gone}): ${describe()}`);
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `node bin/baton.js serve` with `env` until it exits by itself; resolves with its exit code and output. */
export async function runChildBatonToExit(options: {
  env: Record<string, string>;
  /** Kills it (and rejects) if it is still running then: a hang, not an exit. */
  timeoutMs?: number;
}): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, ['bin/baton.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), options.timeoutMs ?? 60_000);
  });
  const code = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (code === 'late') {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`baton serve was still running after ${options.timeoutMs ?? 60_000} ms:\n${output}`);
  }
  return { code, output };
}
