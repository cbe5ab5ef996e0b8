import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/request-json.ts';
import {
  checkMacro,
  checkNewAgent,
  checkSkills,
  checkWebhook,
  describeProblem,
  readList,
} from './check-settings-input.ts';

describe('settings input', () => {
  it('reads a comma list once each', () => {
    expect(readList(' billing, online   banking , ,billing,VIP')).toEqual([
      'billing',
      'online banking',
      'VIP',
    ]);
  });

  it('explains a bad skill in words', () => {
    expect(checkSkills(['ok', 'x'.repeat(65)])).toBe(
      `“${'x'.repeat(20)}…” is too long for a skill: keep each under 64 characters`,
    );
    expect(checkSkills(['card_disputes', 'lines of credit'])).toBeNull();
  });

  it('checks a new account field by field', () => {
    expect(checkNewAgent({ email: 'x', name: ' ', password: 'short', capacity: 0, skills: [] })).toEqual({
      email: 'Enter an email address like name@example.com',
      name: 'Enter the person’s name',
      password: 'Use at least 12 characters for the password',
      capacity: 'Capacity is the number of chats at once: a whole number from 1 to 50',
    });
    expect(
      checkNewAgent({ email: 'a@b.co', name: 'A', password: 'long-enough-pass', capacity: 3, skills: [] }),
    ).toEqual({});
  });

  it('checks macros and webhooks', () => {
    expect(checkMacro({ title: '', text: 'x'.repeat(4001) })).toEqual({
      title: 'Give the reply a short title',
      text: 'Keep the text under 4,000 characters',
    });
    expect(checkWebhook({ url: 'ftp://x', events: [] })).toEqual({
      url: 'Enter the full address that receives events, starting with https://',
      events: 'Choose at least one event (or all events)',
    });
    expect(checkWebhook({ url: 'https://hooks.example.com/baton', events: ['*'] })).toEqual({});
  });

  it('never shows raw validation text from the server', () => {
    const raw = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body: email: Invalid email address');
    expect(describeProblem(raw, { email: 'Email' })).toBe('Email was not accepted. Check it and try again.');
    const nested = new ApiError(
      400,
      'VALIDATION_FAILED',
      'Invalid body: businessHours.timezone: unknown time zone',
    );
    expect(describeProblem(nested, { 'businessHours.timezone': 'Time zone' })).toBe(
      'Time zone was not accepted. Check it and try again.',
    );
    expect(describeProblem(new ApiError(400, 'VALIDATION_FAILED', 'Invalid body: zz: x'))).toBe(
      'Some values were not accepted. Check the form and try again.',
    );
    expect(describeProblem(new ApiError(409, 'CONFLICT', 'An account with email a@b.co exists'))).toMatch(
      /already exists/,
    );
    expect(describeProblem(new ApiError(500, 'INTERNAL', 'TypeError: x is undefined'))).toBe(
      'The change could not be saved. Try again, or reload the page.',
    );
    expect(
      describeProblem(new ApiError(400, 'WEAK_PASSWORD', 'That password is one of the most common')),
    ).toBe('The password is too weak: that password is one of the most common');
  });
});
