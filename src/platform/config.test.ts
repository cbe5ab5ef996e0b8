import { describe, expect, it } from 'vitest';
import { ConfigError, createsDemoUsers, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('fills the defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './.baton-data',
      maxMessageChars: 4000,
      apiKeys: [],
      demoUsers: undefined,
      botLeaseSeconds: 30,
      drainSeconds: 5,
      redisConnectTimeoutSeconds: 5,
    });
    expect(createsDemoUsers(config)).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads the environment and lets overrides win', () => {
    const config = loadConfig(
      {
        PORT: '4000',
        BATON_API_KEYS: 'a, b ,',
        DATABASE_URL: 'postgres://x@localhost/db',
        BATON_DEMO_USERS: 'false',
        HOST: '',
      },
      { PORT: '5000' },
    );
    expect(config).toMatchObject({
      port: 5000,
      apiKeys: ['a', 'b'],
      databaseUrl: 'postgres://x@localhost/db',
      demoUsers: false,
      host: '127.0.0.1',
    });
  });

  it.each([
    ['the embedded database', {}, true],
    ['the embedded database, asked not to', { BATON_DEMO_USERS: 'false' }, false],
    ['PostgreSQL', { DATABASE_URL: 'postgres://x@localhost/db' }, false],
    [
      'PostgreSQL, asked for explicitly',
      { DATABASE_URL: 'postgres://x@localhost/db', BATON_DEMO_USERS: 'true' },
      true,
    ],
    [
      'PostgreSQL, asked not to',
      { DATABASE_URL: 'postgres://x@localhost/db', BATON_DEMO_USERS: 'no' },
      false,
    ],
  ])('creates demo accounts on %s: %s', (_name, env, expected) => {
    expect(createsDemoUsers(loadConfig(env))).toBe(expected);
  });

  it.each([
    ['a port out of range', { PORT: '70000' }, 'PORT'],
    ['a short secret', { BATON_SECRET: 'short' }, 'BATON_SECRET'],
    ['a bad database URL', { DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    ['an unknown log level', { BATON_LOG_LEVEL: 'loud' }, 'BATON_LOG_LEVEL'],
    ['a zero bot lease', { BATON_BOT_LEASE_SECONDS: '0' }, 'BATON_BOT_LEASE_SECONDS'],
    ['a negative drain', { BATON_DRAIN_SECONDS: '-1' }, 'BATON_DRAIN_SECONDS'],
    [
      'a Redis timeout that is no number',
      { BATON_REDIS_CONNECT_TIMEOUT_SECONDS: 'soon' },
      'BATON_REDIS_CONNECT_TIMEOUT_SECONDS',
    ],
    [
      'a headers timeout past the request timeout',
      { BATON_HEADERS_TIMEOUT_MS: '5000', BATON_REQUEST_TIMEOUT_MS: '1000' },
      'BATON_HEADERS_TIMEOUT_MS',
    ],
    [
      'a metrics port equal to the main port',
      { PORT: '4000', BATON_METRICS_PORT: '4000' },
      'BATON_METRICS_PORT',
    ],
    ['a short metrics token', { BATON_METRICS_TOKEN: 'short' }, 'BATON_METRICS_TOKEN'],
    ['a malformed CIDR', { BATON_ALLOW_PRIVATE_TARGETS: '10.0.0.0/40' }, 'BATON_ALLOW_PRIVATE_TARGETS'],
    ['a malformed host', { BATON_ALLOW_PRIVATE_TARGETS: 'http://x/' }, 'BATON_ALLOW_PRIVATE_TARGETS'],
  ])('refuses %s, naming the variable', (_name, env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it.each([
    [undefined, []],
    ['false', []],
    ['true', true],
    ['YES', true],
    [
      '127.0.0.1, 10.0.0.0/8, ::1/128, hooks.internal',
      ['127.0.0.1', '10.0.0.0/8', '::1/128', 'hooks.internal'],
    ],
  ])('reads BATON_ALLOW_PRIVATE_TARGETS=%s', (value, allowed) => {
    expect(loadConfig({ BATON_ALLOW_PRIVATE_TARGETS: value }).allowPrivateTargets).toEqual(allowed);
  });

  it('turns channels on only when configured, and wants the Twilio SID and token together', () => {
    const off = loadConfig({});
    expect([off.emailPort, off.smtpRelayUrl, off.twilio]).toEqual([undefined, undefined, undefined]);
    expect(off.documentMaxBytes).toBe(10 * 1024 * 1024);
    const on = loadConfig({
      BATON_EMAIL_PORT: '2525',
      BATON_EMAIL_ADDRESS: 'Help@Bank.example',
      BATON_SMTP_RELAY_URL: 'smtp://relay:587',
      BATON_TWILIO_ACCOUNT_SID: 'AC1',
      BATON_TWILIO_AUTH_TOKEN: 'token-123456',
      BATON_DOCUMENT_TYPES: 'application/pdf, IMAGE/PNG',
      BATON_EMAIL_TRUSTED_AUTHSERV_ID: 'mx.bank.example',
    });
    expect(on).toMatchObject({
      emailPort: 2525,
      emailTrustedAuthservId: 'mx.bank.example',
      emailAddress: 'help@bank.example',
      smtpRelayUrl: 'smtp://relay:587',
      twilio: { accountSid: 'AC1', apiUrl: 'https://api.twilio.com' },
      documentTypes: ['application/pdf', 'image/png'],
    });
    expect(() => loadConfig({ BATON_TWILIO_ACCOUNT_SID: 'AC1' })).toThrow(/BATON_TWILIO_AUTH_TOKEN/);
    expect(() => loadConfig({ BATON_SMTP_RELAY_URL: 'http://relay' })).toThrow(/smtp/);
    expect(off.emailTrustedAuthservId).toBeUndefined();
    expect(() => loadConfig({ BATON_EMAIL_TRUSTED_AUTHSERV_ID: 'mx; dmarc=pass' })).toThrow(/authserv-id/);
  });
});

describe('identity settings', () => {
  it('reads the identity keys and the switch', () => {
    const config = loadConfig({ BATON_IDENTITY_SECRET: 's'.repeat(32), BATON_IDENTITY_REQUIRED: 'true' });
    expect(config.identity).toMatchObject({ secret: 's'.repeat(32), required: true });
  });
  it('refuses to require an identity nothing can verify, and a short secret', () => {
    expect(() => loadConfig({ BATON_IDENTITY_REQUIRED: 'true' })).toThrow(/BATON_IDENTITY_REQUIRED/);
    expect(() => loadConfig({ BATON_IDENTITY_SECRET: 'short' })).toThrow(/BATON_IDENTITY_SECRET/);
  });
});
