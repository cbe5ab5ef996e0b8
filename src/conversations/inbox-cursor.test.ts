import { describe, expect, it } from 'vitest';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor.ts';

describe('inbox cursor', () => {
  it('decodes what it encodes', () => {
    const cursor = { createdAt: new Date('2026-03-01T10:00:00.123Z'), id: 'conv_abc' };
    expect(decodeInboxCursor(encodeInboxCursor(cursor))).toEqual(cursor);
  });

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it.each([
    ['not base64 JSON', 'not a cursor'],
    ['an empty string', ''],
    ['an object', b64({ createdAt: '2026-03-01T10:00:00.000Z', id: 'x' })],
    ['a bad date', b64(['yesterday', 'conv_1'])],
    ['a date in another spelling', b64(['2026-03-01T10:00:00Z', 'conv_1'])],
    ['an empty id', b64(['2026-03-01T10:00:00.000Z', ''])],
    ['a number as id', b64(['2026-03-01T10:00:00.000Z', 7])],
  ])('refuses %s', (_name, text) => {
    expect(decodeInboxCursor(text)).toBeNull();
  });
});
