import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDemoLogins } from '../src/agents/save-demo-logins.ts';
import { simulate } from '../src/cli/simulate.ts';
import { startChildBaton } from './support/child-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { callApi, startTestBaton } from './support/http.ts';

// Demo accounts: only on the embedded database unless asked for, and their passwords only in a private file.

const folders: string[] = [];
const freshFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-demo-'));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('demo accounts', () => {
  it('are not created on PostgreSQL unless asked for explicitly', async () => {
    const pgdb = await createTestPostgres();
    try {
      const plain = await startTestBaton({ databaseUrl: pgdb.url });
      const none = { logins: plain.demoLogins, accounts: await plain.services.agents.list() };
      await plain.close();
      expect(none).toEqual({ logins: [], accounts: [] });

      const asked = await startTestBaton({ databaseUrl: pgdb.url, demoUsers: true });
      const roles = asked.demoLogins.map((l) => l.role);
      await asked.close();
      expect(roles).toEqual(expect.arrayContaining(['admin', 'supervisor', 'agent']));
    } finally {
      await pgdb.drop();
    }
  }, 180_000);

  it('baton serve writes their passwords to a private file and never to its output', async () => {
    const dataDir = freshFolder();
    const child = await startChildBaton({ env: { BATON_DATA_DIR: dataDir, BATON_LOG_LEVEL: 'info' } });
    try {
      const file = join(dataDir, 'demo-logins.txt');
      expect(child.output()).toContain(`see ${file}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(child.demoLogins.map((l) => l.role)).toEqual(expect.arrayContaining(['admin', 'agent']));
      const admin = child.demoLogins.find((l) => l.role === 'admin')!;
      const res = await callApi(child.url, 'POST', '/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(res.status).toBe(200);
      for (const login of child.demoLogins) expect(child.output()).not.toContain(login.password);
    } finally {
      await child.stop();
    }
  }, 180_000);

  it('baton simulate on a fresh data folder leaves a way in and says where', async () => {
    const dataDir = freshFolder();
    const lines: string[] = [];
    await simulate({
      days: 1,
      perDay: 4,
      seed: 3,
      config: { dataDir, databaseUrl: undefined, redisUrl: undefined, demoUsers: undefined },
      print: (line) => lines.push(line),
    });
    const file = join(dataDir, 'demo-logins.txt');
    expect(lines.join('\n')).toContain(`see ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const admin = parseDemoLogins(readFileSync(file, 'utf8')).find((l) => l.role === 'admin')!;
    for (const line of lines) expect(line).not.toContain(admin.password);
    const server = await startTestBaton({ dataDir });
    try {
      const res = await callApi(server.url, 'POST', '/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('baton simulate on an empty PostgreSQL tells how to create an admin', async () => {
    const pgdb = await createTestPostgres();
    const lines: string[] = [];
    try {
      await simulate({
        days: 1,
        perDay: 2,
        seed: 3,
        config: { dataDir: '', databaseUrl: pgdb.url, redisUrl: undefined, demoUsers: undefined },
        print: (line) => lines.push(line),
      });
    } finally {
      await pgdb.drop();
    }
    expect(lines.join('\n')).toContain('npx baton user create --email EMAIL --name NAME --role admin');
  }, 180_000);
});
