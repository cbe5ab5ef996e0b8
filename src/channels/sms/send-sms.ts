/** One text message to a customer's phone. */
export type OutboundSms = { to: string; from: string; body: string };

/** Sends one SMS; throws when the provider refuses. */
export type SendSms = (sms: OutboundSms) => Promise<{ sid: string | null }>;

/** The most a provider's answer may take before the send counts as failed. */
const sendTimeoutMs = 15_000;

/**
 * A sender over Twilio's REST shape: `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded
 * `To`, `From`, `Body`, with the account SID and auth token as Basic credentials. The base URL is
 * configurable (a compatible provider, or a local fake in tests).
 */
export function createTwilioSender(options: {
  baseUrl: string;
  accountSid: string;
  authToken: string;
}): SendSms {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return async (sms) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: sms.to, From: sms.from, Body: sms.body }),
      signal: AbortSignal.timeout(sendTimeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`the SMS provider answered ${res.status}: ${text.slice(0, 300)}`);
    try {
      const sid = (JSON.parse(text) as { sid?: unknown }).sid;
      return { sid: typeof sid === 'string' ? sid : null };
    } catch {
      return { sid: null };
    }
  };
}
