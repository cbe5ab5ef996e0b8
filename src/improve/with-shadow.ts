import type { Logger } from 'pino';
import type { Assist } from '../assistant/respond-to-customer.ts';
import { compareDecisions, decisionGist } from './compare-decisions.ts';
import type { PackRegistry } from './pack-registry.ts';
import type { ShadowStore } from './shadow-store.ts';

/**
 * Runs the shadow version of a conversation's pack (when one is set) beside the live one on every customer turn:
 * the live answer goes out as always, the shadow's decision is only recorded next to it. The shadow runs after
 * the live turn, off the customer's path; its failures are logged, never felt. Only the bot and the policy run
 * again (`assist`): nothing of the shadow's turn is stored but its decision.
 */
export function withShadow(deps: { live: Assist; registry: PackRegistry; store: ShadowStore; log: Logger }): {
  assist: Assist;
  settle: () => Promise<void>;
} {
  const running = new Set<Promise<void>>();
  const assist: Assist = async (pack, input, about) => {
    const live = await deps.live(pack, input, about);
    const packId = pack.pack.id;
    const shadow = deps.registry.shadow(packId);
    const liveVersion = deps.registry.version(packId);
    if (!shadow || liveVersion === null || !about) return live;
    const run = (async () => {
      const other = await deps.live(shadow.loaded, input, about);
      const a = decisionGist(live.decision, live.botTurn.reply ?? null);
      const b = decisionGist(other.decision, other.botTurn.reply ?? null);
      await deps.store.record({
        packId,
        conversationId: about.conversationId,
        turn: input.turn,
        text: input.text,
        liveVersion,
        shadowVersion: shadow.version,
        live: a,
        shadow: b,
        differs: compareDecisions(a, b) !== 'same',
        now: about.now,
      });
    })()
      .catch((err: unknown) => deps.log.warn({ err, pack: packId }, 'shadow turn failed'))
      .finally(() => running.delete(run));
    running.add(run);
    return live;
  };
  return {
    assist,
    settle: async () => {
      await Promise.allSettled([...running]);
    },
  };
}
