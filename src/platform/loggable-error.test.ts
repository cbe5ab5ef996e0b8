import { describe, expect, it } from 'vitest';
import { hideEchoedValues, hideQueryValues, loggableErrors } from './loggable-error.ts';

describe('hideQueryValues', () => {
  it.each([
    [
      'drizzle parameters',
      'Failed query: insert into "customers" ("id", "name") values ($1, $2)\nparams: cus_1,Ana Silva',
      'Failed query: insert into "customers" ("id", "name") values ($1, $2)\nparams: [redacted]',
    ],
    [
      'parameters over several lines',
      'Failed query: insert into t values ($1)\nparams: line one\nline two',
      'Failed query: insert into t values ($1)\nparams: [redacted]',
    ],
    [
      'a unique key',
      'Key (external_id)=(ana@example.com) already exists.',
      'Key (external_id)=([redacted]) already exists.',
    ],
    [
      'a composite key',
      'Key (conversation_id, client_message_id)=(conv_1, my (secret) id) already exists.',
      'Key (conversation_id, client_message_id)=([redacted]) already exists.',
    ],
    [
      'a failing row',
      'Failing row contains (cus_1, null, Ana Silva, ana@example.com, standard).',
      'Failing row contains ([redacted]).',
    ],
    ['no values', 'relation "customers" does not exist', 'relation "customers" does not exist'],
  ])('hides %s', (_name, text, out) => {
    expect(hideQueryValues(text)).toBe(out);
  });
});

describe('hideEchoedValues', () => {
  it.each([
    [
      'invalid input syntax for type integer: "4111 1111"',
      'invalid input syntax for type integer: "[redacted]"',
    ],
    [
      'value "99999999999" is out of range for type integer',
      'value "[redacted]" is out of range for type integer',
    ],
    ['Token "Ana" is invalid.', 'Token "[redacted]" is invalid.'],
    ['invalid input value for enum tier: "gold \\" plus"', 'invalid input value for enum tier: "[redacted]"'],
    [
      'duplicate key value violates unique constraint "customers_external_id_key"',
      'duplicate key value violates unique constraint "customers_external_id_key"',
    ],
  ])('%s', (text, out) => {
    expect(hideEchoedValues(text)).toBe(out);
  });
});

describe('loggableErrors', () => {
  it('turns a failed query with its database cause into plain fields without the values', () => {
    const cause = Object.assign(new Error('new row for relation "t" violates check constraint "t_ssn"'), {
      code: '23514',
      severity: 'ERROR',
      constraint: 't_ssn',
      detail: 'Failing row contains (1, Ana Silva, 123-45-6789).',
      where: 'SQL statement "insert into t values (1, \'Ana Silva\')"',
    });
    const query = Object.assign(
      new Error('Failed query: insert into t values ($1, $2)\nparams: Ana Silva,123-45-6789'),
      {
        query: 'insert into t values ($1, $2)',
        params: ['Ana Silva', '123-45-6789'],
        cause,
      },
    );
    const out = loggableErrors({ err: query, conversationId: 'conv_1' }) as Record<
      string,
      Record<string, unknown>
    >;
    expect(JSON.stringify(out)).not.toMatch(/Ana Silva|6789/);
    expect(out.conversationId).toBe('conv_1');
    expect(out.err).toMatchObject({
      type: 'Error',
      message: 'Failed query: insert into t values ($1, $2)\nparams: [redacted]',
      query: 'insert into t values ($1, $2)',
      params: '[redacted]',
      cause: {
        code: '23514',
        constraint: 't_ssn',
        detail: 'Failing row contains ([redacted]).',
        where: '[redacted]',
      },
    });
    expect(out.err!.stack).toMatch(
      /^Error: Failed query: insert into t values \(\$1, \$2\)\nparams: \[redacted\]\n\s+at /,
    );
  });

  it('walks causes given to the constructor, inner errors, arrays and nested objects', () => {
    const inner = new Error('Key (email)=(ana@example.com) already exists.');
    const wrapped = new Error('could not save', { cause: inner });
    const out = loggableErrors({ event: { list: [new AggregateError([wrapped], 'all failed')] } });
    expect(JSON.stringify(out)).not.toContain('ana@example.com');
    expect(out).toMatchObject({
      event: {
        list: [
          {
            type: 'AggregateError',
            message: 'all failed',
            errors: [
              { message: 'could not save', cause: { message: 'Key (email)=([redacted]) already exists.' } },
            ],
          },
        ],
      },
    });
  });

  it('leaves everything else as it is and survives cycles', () => {
    const err = new Error('loop') as Error & { self?: unknown };
    err.self = err;
    const date = new Date(0);
    expect(loggableErrors({ a: 1, b: 'two', date })).toEqual({ a: 1, b: 'two', date });
    expect(loggableErrors(err)).toMatchObject({ message: 'loop', self: '[circular]' });
    expect(loggableErrors('text')).toBe('text');
  });
});
