import { isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import {
  createTargetRules,
  guardedLookup,
  type TargetPolicy,
  TargetRefusedError,
  targetHost,
} from './target-policy.ts';

/**
 * A `fetch` for calls out of Baton (webhooks, HTTP tools) that connects only to addresses the policy allows:
 * literal addresses are checked before connecting, names at the moment they are resolved for the connection.
 */
export function createGuardedFetch(policy: TargetPolicy): typeof globalThis.fetch {
  const rules = createTargetRules(policy);
  const connect = buildConnector({ lookup: guardedLookup(policy) });
  const dispatcher = new Agent({
    connect: (options, callback) => {
      const host = targetHost(options.hostname);
      if (isIP(host) && !rules.allowsAddress(host)) {
        callback(new TargetRefusedError(rules.refusal(host, host)), null);
        return;
      }
      connect(options, callback);
    },
  });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
}
