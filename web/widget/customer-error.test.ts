import { describe, expect, it } from 'vitest';
import { customerErrorText } from './customer-error.ts';

describe('customerErrorText', () => {
  it.each([
    ['VALIDATION_FAILED', 'email', 'Please check your email address (for example name@example.com).'],
    ['VALIDATION_FAILED', 'phone', 'Please check your phone number (digits, spaces and a leading + only).'],
    ['MESSAGE_TOO_LONG', 'message', 'That message is too long. Please shorten it and send it again.'],
    ['RATE_LIMITED', 'message', "You're sending messages very quickly. Please wait a moment and try again."],
    ['INTERNAL', 'other', 'Something went wrong on our side. Please try again.'],
    [undefined, 'other', 'Something went wrong on our side. Please try again.'],
  ] as const)('%s while sending %s', (code, action, text) => {
    expect(customerErrorText(code, action)).toBe(text);
  });

  it('never shows validation detail or codes', () => {
    for (const action of ['message', 'email', 'phone', 'other'] as const)
      expect(customerErrorText('VALIDATION_FAILED', action)).not.toMatch(/Invalid|body|VALIDATION/);
  });
});
