import { z } from 'zod';
import type { createRouter } from '../../http/define-route.ts';
import { fail } from '../../platform/errors.ts';
import type { createReceiveSms } from './receive-sms.ts';
import { isSignedByTwilio, twilioInboundSchema } from './twilio-inbound.ts';

type Router = ReturnType<typeof createRouter>;

/** The empty TwiML answer: Baton replies later through the REST API, not in the webhook's response. */
const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio's inbound message webhook (form-encoded, signed with the account's auth token). */
export function registerSmsRoutes(
  router: Router,
  deps: {
    authToken: string;
    accountSid: string;
    /** The public URL Twilio calls, as configured in its console; unset: the URL of the request as received. */
    webhookUrl: string | undefined;
    receive: ReturnType<typeof createReceiveSms>;
  },
): void {
  router.route({
    method: 'POST',
    url: '/api/v1/channels/sms/twilio',
    summary:
      "Twilio's inbound SMS webhook: form-encoded, X-Twilio-Signature checked with the account's auth token; answers empty TwiML",
    tags: ['channels'],
    access: 'public',
    body: twilioInboundSchema,
    response: z.any(),
    rawReply: true,
    handler: async ({ body, req, reply }) => {
      const url = deps.webhookUrl ?? `${req.protocol}://${req.host}${req.url}`;
      const signature = req.headers['x-twilio-signature'];
      const params = Object.fromEntries(
        Object.entries(req.body as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
      if (
        !isSignedByTwilio({
          authToken: deps.authToken,
          signature: typeof signature === 'string' ? signature : undefined,
          url,
          params,
        })
      )
        fail('FORBIDDEN', 'the X-Twilio-Signature does not match this request');
      if (body.AccountSid !== deps.accountSid) fail('FORBIDDEN', 'the message is for another account');
      await deps.receive(body);
      return reply.code(200).header('content-type', 'text/xml; charset=utf-8').send(emptyTwiml);
    },
  });
}
