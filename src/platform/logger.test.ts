import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactForLog } from '../handoff/redact-pii.ts';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('masks personal data and secrets in what it writes', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', false, redactForLog, sink);
    log.info(
      { text: 'my card is 4111 1111 1111 1111', customerToken: 'secret-token' },
      'customer wrote 4111-1111-1111-1111',
    );
    const out = lines.join('');
    expect(out).not.toContain('4111 1111 1111 1111');
    expect(out).not.toContain('4111-1111-1111-1111');
    expect(out).not.toContain('secret-token');
    expect(out).toContain('1111');
  });
});
