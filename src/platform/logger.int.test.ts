import { basename } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { redactForLog } from '../handoff/redact-pii.ts';
import type { Database } from './db/database.ts';
import { createLogger } from './logger.ts';

/** A logger as `baton serve` builds it, writing into an array. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', false, redactForLog, sink), text: () => lines.join('') };
}

describe('createLogger', () => {
  it('masks personal data and secrets in what it writes', () => {
    const { log, text } = capturedLogger();
    log.info(
      { text: 'my card is 4111 1111 1111 1111', customerToken: 'secret-token' },
      'customer wrote 4111-1111-1111-1111',
    );
    const out = text();
    expect(out).not.toContain('4111 1111 1111 1111');
    expect(out).not.toContain('4111-1111-1111-1111');
    expect(out).not.toContain('secret-token');
    expect(out).toContain('1111');
  });

  it('masks personal data in an error logged without a message of its own', () => {
    const { log, text } = capturedLogger();
    log.error(new Error('card 4111 1111 1111 1111 refused'));
    log.error({ err: new Error('ssn 123-45-6789 refused') });
    expect(text()).not.toMatch(/4111 1111 1111 1111|123-45-6789/);
    expect(text()).toContain('[card ****1111] refused');
    expect(text()).toContain('[ssn ***-**-6789] refused');
  });
});

describe.each(engines)('a failed query on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  const values = {
    name: 'Ana Silva',
    email: 'ana.silva@example.com',
    card: '4111 1111 1111 1111',
    ssn: '123-45-6789',
  };

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    await database.db.execute(
      sql.raw(
        'create table leak_probe (id int primary key, name text, email text, card text, ssn text, constraint leak_probe_ssn check (length(ssn) < 5))',
      ),
    );
  });
  afterAll(async () => {
    await cleanup();
  });

  it('is logged without the values it was given or the row it refused, however it is logged', async () => {
    const failure = await database.db
      .execute(
        sql`insert into leak_probe values (1, ${values.name}, ${values.email}, ${values.card}, ${values.ssn})`,
      )
      .then(
        () => null,
        (err: unknown) => err as Error,
      );
    expect(failure).toBeInstanceOf(Error);
    const { log, text } = capturedLogger();
    log.error({ err: failure, conversationId: 'conv_1' }, 'saving the customer failed');
    log.error(failure!);
    log.warn({ event: { attempt: 2, error: new Error('retry failed', { cause: failure }) } }, 'retrying');

    const out = text();
    for (const [field, value] of Object.entries(values)) expect(out, field).not.toContain(value);
    expect(out).not.toContain('4111111111111111');
    // What an operator needs stays: the statement, the constraint, the SQLSTATE, the stack.
    expect(out).toContain('insert into leak_probe values (1, $1, $2, $3, $4)');
    expect(out).toContain('leak_probe_ssn');
    expect(out).toContain('23514');
    expect(out).toContain(`${basename(fileURLToPath(import.meta.url))}:`);
    expect(out.trim().split('\n')).toHaveLength(3);
  });
});
