import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactForLog } from '../src/handoff/redact-pii.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { callApi, startTestBaton } from './support/http.ts';

let baton: RunningBaton;
let postgres: Awaited<ReturnType<typeof createTestPostgres>>;
const lines: string[] = [];

beforeAll(async () => {
  postgres = await createTestPostgres();
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // The logger `baton serve` builds, at info level, writing where the test can read it.
  const log = createLogger('info', false, redactForLog, sink);
  baton = await startTestBaton({ databaseUrl: postgres.url }, { log, routingTickMs: 0 });
  // A database that refuses this customer: the query fails with every value the customer gave in it.
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query("alter table customers add constraint refuse_ana check (name not like 'Ana%')");
  await client.end();
});
afterAll(async () => {
  await baton?.close();
  await postgres?.drop();
});

describe('the log of a request that fails in the database', () => {
  it('holds nothing the customer typed, and what an operator needs', async () => {
    const typed = {
      name: 'Ana Quiroga',
      email: 'ana.quiroga@example.com',
      card: '4111 1111 1111 1111',
      ssn: '123-45-6789',
      street: '12 Calle Luna',
    };
    const res = await callApi(baton.url, 'POST', '/api/v1/conversations', {
      pack: 'bank',
      customer: {
        name: typed.name,
        email: typed.email,
        attributes: { card: typed.card, ssn: typed.ssn, address: typed.street },
      },
    });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
    const log = lines.join('');
    const failure = log.split('\n').find((l) => l.includes('unhandled error'));
    expect(failure, 'the failure is logged').toBeDefined();
    for (const [what, value] of Object.entries(typed)) expect(log, what).not.toContain(value);
    expect(log).not.toContain('4111111111111111');
    expect(failure).toContain('refuse_ana');
    expect(failure).toContain('23514');
    expect(failure).toContain('insert into \\"customers\\"');
  });
});
