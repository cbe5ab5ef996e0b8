import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { isWebhookSecret, signedHeaders, signPayload, verifySignature } from './sign-payload.ts';
import { generateWebhookSecret } from './webhook-routes.ts';

// The example from the Standard Webhooks specification.
const spec = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signPayload', () => {
  it('matches the specification example', () => {
    expect(signPayload(spec)).toBe(spec.signature);
  });

  it('drops fractions of a second from the timestamp', () => {
    expect(signPayload({ ...spec, timestamp: spec.timestamp + 0.999 })).toBe(spec.signature);
  });
});

describe('the official standardwebhooks verifier', () => {
  it('accepts what Baton signs with a generated secret', () => {
    const secret = generateWebhookSecret();
    const body =
      '{"id":"evt_1","type":"conversation.created","createdAt":"2026-01-05T09:00:00.000Z","data":{}}';
    const headers = signedHeaders({ secret, id: 'evt_1', timestamp: Date.now() / 1000, body });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('refuses a changed body', () => {
    const secret = generateWebhookSecret();
    const headers = signedHeaders({ secret, id: 'evt_1', timestamp: Date.now() / 1000, body: '{"a":1}' });
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
  });
});

describe('isWebhookSecret', () => {
  it.each([
    [spec.secret, true],
    ['whsec_short', false],
    ['whsec_not base64 at all!!!!!!!!!!!!!!!!', false],
    ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', false],
  ])('%s -> %s', (secret, ok) => {
    expect(isWebhookSecret(secret)).toBe(ok);
  });

  it('holds for every generated secret', () => {
    for (let i = 0; i < 20; i++) expect(isWebhookSecret(generateWebhookSecret())).toBe(true);
  });
});

describe('verifySignature', () => {
  const headers = {
    'webhook-id': spec.id,
    'webhook-timestamp': String(spec.timestamp),
    'webhook-signature': spec.signature,
  };
  const t = spec.timestamp;
  it.each([
    { case: 'the signed body', headers, body: spec.body, now: t, expected: { ok: true, timestamp: t } },
    {
      case: 'within the tolerance',
      headers,
      body: spec.body,
      now: t + 300,
      expected: { ok: true, timestamp: t },
    },
    { case: 'too old', headers, body: spec.body, now: t + 301, expected: { ok: false, reason: 'expired' } },
    {
      case: 'too far ahead',
      headers,
      body: spec.body,
      now: t - 301,
      expected: { ok: false, reason: 'expired' },
    },
    {
      case: 'a changed body',
      headers,
      body: `${spec.body} `,
      now: t,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'another id',
      headers: { ...headers, 'webhook-id': 'msg_other' },
      body: spec.body,
      now: t,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'a rotation: old and new signatures',
      headers: {
        ...headers,
        'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${spec.signature}`,
      },
      body: spec.body,
      now: t,
      expected: { ok: true, timestamp: t },
    },
    {
      case: 'no signature',
      headers: { ...headers, 'webhook-signature': '' },
      body: spec.body,
      now: t,
      expected: { ok: false, reason: 'malformed' },
    },
  ])('$case', ({ headers: h, body, now, expected }) => {
    expect(verifySignature({ secret: spec.secret, headers: h, body, now })).toEqual(expected);
  });
});
