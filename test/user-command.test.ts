import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, startTestBaton } from './support/http.ts';

// `baton user create` and `baton user reset-password`, run as a person would: child processes on a fresh data
// folder, then the server on the same folder.

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'baton-user-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `baton ARGS` with the data folder, optional standard input; resolves with its exit code and output. */
function baton(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    BATON_DATA_DIR: dataDir,
    BATON_LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['bin/baton.js', ...args], { cwd: repoRoot, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Signs in against a server on the data folder, then closes it (the embedded database allows one process). */
async function signInOnce(email: string, password: string) {
  const server = await startTestBaton({ dataDir });
  try {
    const res = await callApi(server.url, 'POST', '/api/v1/auth/login', { email, password });
    return { status: res.status, role: res.body.agent?.role as string | undefined, demo: server.demoLogins };
  } finally {
    await server.close();
  }
}

describe('baton user', () => {
  it('creates an admin on a fresh data folder with a generated password printed once', async () => {
    const created = await baton([
      'user',
      'create',
      '--email',
      'Ada@Example.com',
      '--name',
      'Ada Lovelace',
      '--role',
      'admin',
      '--teams',
      'support,fraud',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created admin account ada@example\.com \(agt_\w+\)/);
    const password = /Baton keeps only a hash\): (\S+)/.exec(created.stdout)?.[1];
    expect(password).toHaveLength(16);

    const signedIn = await signInOnce('ada@example.com', password!);
    expect(signedIn).toMatchObject({ status: 200, role: 'admin' });
    // The folder has an account now, so no demo accounts were made.
    expect(signedIn.demo).toEqual([]);
  }, 180_000);

  it('resets a password from standard input; the old one stops working', async () => {
    const reset = await baton(
      ['user', 'reset-password', '--email', 'ada@example.com', '--password-stdin'],
      'orbit-saffron-quill-8\n',
    );
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('New password set for ada@example.com');
    expect(reset.stdout).not.toContain('orbit-saffron-quill-8');
    expect((await signInOnce('ada@example.com', 'orbit-saffron-quill-8')).status).toBe(200);

    const generated = await baton(['user', 'reset-password', '--email', 'ada@example.com']);
    expect(generated.code, generated.stderr).toBe(0);
    const password = /Baton keeps only a hash\): (\S+)/.exec(generated.stdout)?.[1];
    expect((await signInOnce('ada@example.com', 'orbit-saffron-quill-8')).status).toBe(401);
    expect((await signInOnce('ada@example.com', password!)).status).toBe(200);
  }, 180_000);

  it.each([
    ['no action', ['user'], 2, /say what to do: create or reset-password/],
    ['an unknown action', ['user', 'remove'], 2, /unknown action "remove"/],
    ['a missing name', ['user', 'create', '--email', 'x@example.com'], 2, /--name is required/],
    ['a bad email', ['user', 'create', '--email', 'nope', '--name', 'X'], 2, /--email: Invalid email/],
    [
      'a bad role',
      ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'boss'],
      2,
      /--role/,
    ],
    [
      'a bad capacity',
      ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--capacity', '0'],
      2,
      /--capacity must be/,
    ],
    ['an unknown flag', ['user', 'create', '--mail', 'x@example.com'], 2, /Unknown option '--mail'/],
    [
      'a taken email',
      ['user', 'create', '--email', 'ada@example.com', '--name', 'Ada'],
      1,
      /an account with email ada@example.com exists/,
    ],
    [
      'an unknown account',
      ['user', 'reset-password', '--email', 'who@example.com'],
      1,
      /no account with email who@example.com/,
    ],
  ])(
    'refuses %s with a clear message',
    async (_name, args, code, message) => {
      const res = await baton(args);
      expect(res.code).toBe(code);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );

  it.each([
    ['a short password', 'short\n', /at least 12 characters/],
    ['a common password', 'Password-2024!\n', /most common/],
    ['an empty standard input', '', /standard input has no password/],
  ])(
    'refuses %s from standard input',
    async (_name, stdin, message) => {
      const res = await baton(
        ['user', 'reset-password', '--email', 'ada@example.com', '--password-stdin'],
        stdin,
      );
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
