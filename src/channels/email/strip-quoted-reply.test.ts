import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from './strip-quoted-reply.ts';

describe('stripQuotedReply', () => {
  it.each([
    ['Just text.', 'Just text.'],
    [
      'Yes please.\n\nOn Mon, 3 Mar 2026 at 10:00, Baton <help@bank.example> wrote:\n> Shall I?\n',
      'Yes please.',
    ],
    ['Thanks!\r\n\r\n> old line\r\n> more\r\n', 'Thanks!'],
    ['Here it is.\n-- \nAna Smith\nPhone 555', 'Here it is.'],
    ['> first\nmy answer\n> second\nanother', 'my answer\nanother'],
    ['Sure.\n-----Original Message-----\nFrom: Baton', 'Sure.'],
    ['Oui.\n\nLe lun. 3 mars 2026, Baton a écrit :\n> ?', 'Oui.'],
    ['> only quoted', '> only quoted'],
  ])('%j -> %j', (text, expected) => {
    expect(stripQuotedReply(text)).toBe(expected);
  });
});
