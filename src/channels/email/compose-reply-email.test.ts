import { describe, expect, it } from 'vitest';
import { composeReplyEmail } from './compose-reply-email.ts';

const contact = { address: 'ana@example.com', ours: 'help@bank.example', subject: 'Mortgage' };

describe('composeReplyEmail', () => {
  it('answers the latest email of the customer, with the thread in References and its own Message-ID', () => {
    const email = composeReplyEmail(contact, { id: 'msg_1', text: 'Hello' }, [
      { messageId: '<a@x>', direction: 'in' },
      { messageId: '<b@bank.example>', direction: 'out' },
      { messageId: '<c@x>', direction: 'in' },
      { messageId: '<d@bank.example>', direction: 'out' },
    ]);
    expect(email).toEqual({
      to: 'ana@example.com',
      subject: 'Re: Mortgage',
      text: 'Hello',
      messageId: '<msg_1@bank.example>',
      inReplyTo: '<c@x>',
      references: ['<a@x>', '<b@bank.example>', '<c@x>', '<d@bank.example>'],
    });
  });

  it('keeps a subject that is already a reply, names an empty one, and bounds References', () => {
    const thread = Array.from({ length: 30 }, (_, i) => ({
      messageId: `<${i}@x>`,
      direction: 'in' as const,
    }));
    const email = composeReplyEmail({ ...contact, subject: 'RE: rates' }, { id: 'm', text: 't' }, thread);
    expect(email.subject).toBe('RE: rates');
    expect(email.references).toHaveLength(20);
    expect(email.references[0]).toBe('<0@x>');
    expect(email.references.at(-1)).toBe('<29@x>');
    expect(composeReplyEmail({ ...contact, subject: null }, { id: 'm', text: 't' }, []).subject).toBe(
      'Re: Your conversation with us',
    );
  });
});
