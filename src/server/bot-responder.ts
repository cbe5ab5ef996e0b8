import type { LoadedPack } from '../bot/load-packs.ts';
import { runBotTurn } from '../bot/run-bot-turn.ts';
import type { BotResponder } from '../conversations/conversation-service.ts';
import { emptyBotMemory } from '../protocol/bot-memory.ts';

/** Plugs the pack bot into the conversation service. */
export function createBotResponder(packs: ReadonlyMap<string, LoadedPack>): BotResponder {
  return async ({ conversation, customer, text, turn, memory }) => {
    const pack = packs.get(conversation.pack);
    if (!pack) throw new Error(`pack ${conversation.pack} is not loaded`);
    const result = await runBotTurn(pack, {
      text,
      turn,
      memory:
        Object.keys(memory).length === 0 ? emptyBotMemory() : (memory as ReturnType<typeof emptyBotMemory>),
      customer: {
        tier: customer?.tier ?? 'standard',
        name: customer?.name ?? undefined,
        attributes: customer?.attributes,
      },
    });
    return {
      replies: result.turn.reply ? [{ text: result.turn.reply }] : [],
      memory: result.memory as unknown as Record<string, unknown>,
      botTurn: result.turn as unknown as Record<string, unknown>,
      decision: { kind: 'stay' },
      handoff: null,
    };
  };
}
