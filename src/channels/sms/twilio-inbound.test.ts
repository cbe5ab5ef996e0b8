import { createHmac } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { isSignedByTwilio } from './twilio-inbound.ts';

const url = 'https://baton.example.com/api/v1/channels/sms/twilio';
const params = { MessageSid: 'SM1', AccountSid: 'AC1', From: '+15551230000', To: '+15559870000', Body: 'Hi' };

describe('isSignedByTwilio', () => {
  it('is the documented algorithm: HMAC-SHA1 of the URL and the sorted parameters, base64', () => {
    const data =
      url +
      Object.keys(params)
        .sort()
        .map((k) => k + params[k as keyof typeof params])
        .join('');
    const signature = createHmac('sha1', 'secret-token').update(data).digest('base64');
    expect(signature).toBe(getExpectedTwilioSignature('secret-token', url, params));
    expect(isSignedByTwilio({ authToken: 'secret-token', signature, url, params })).toBe(true);
  });

  it('accepts what the account signed and refuses any change or another token', () => {
    const signature = getExpectedTwilioSignature('secret-token', url, params);
    expect(isSignedByTwilio({ authToken: 'secret-token', signature, url, params })).toBe(true);
    expect(isSignedByTwilio({ authToken: 'other-token', signature, url, params })).toBe(false);
    expect(
      isSignedByTwilio({ authToken: 'secret-token', signature, url, params: { ...params, Body: 'Hi!' } }),
    ).toBe(false);
    expect(isSignedByTwilio({ authToken: 'secret-token', signature, url: `${url}?x=1`, params })).toBe(false);
    expect(isSignedByTwilio({ authToken: 'secret-token', signature: undefined, url, params })).toBe(false);
  });
});
