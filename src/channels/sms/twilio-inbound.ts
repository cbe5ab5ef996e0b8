import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { z } from 'zod';

/** The fields of Twilio's inbound message webhook Baton reads (form-encoded; Twilio sends many more). */
export const twilioInboundSchema = z.looseObject({
  MessageSid: z.string().min(1).max(64),
  AccountSid: z.string().min(1).max(64),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(10_000).default(''),
  NumMedia: z.string().optional(),
});
export type TwilioInbound = z.infer<typeof twilioInboundSchema>;

/**
 * Whether a webhook request was signed by Twilio with this account's auth token: `X-Twilio-Signature` checked
 * with the `twilio` package's own `validateRequest` (HMAC-SHA1 over the URL Twilio called and the sorted
 * form parameters).
 */
export function isSignedByTwilio(input: {
  authToken: string;
  signature: string | undefined;
  url: string;
  params: Record<string, string>;
}): boolean {
  if (!input.signature) return false;
  return validateRequest(input.authToken, input.signature, input.url, input.params);
}
