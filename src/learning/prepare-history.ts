import type { LoadedPack } from '../bot/load-packs.ts';
import { runBotTurn } from '../bot/run-bot-turn.ts';
import { emptyBotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { LabelledConversation, PreparedConversation } from '../protocol/learning.ts';

/**
 * Runs the bot once over every customer turn of each labelled conversation (all turns, also those after
 * the labelled handoff): what the learning core replays policies against. The bot is deterministic for a
 * pack, so this is the only step that needs the trained classifier.
 */
export async function prepareHistory(
  pack: LoadedPack,
  conversations: readonly LabelledConversation[],
): Promise<PreparedConversation[]> {
  const out: PreparedConversation[] = [];
  for (const conversation of conversations) {
    let memory = emptyBotMemory();
    const turns: BotTurn[] = [];
    const customer = {
      tier: conversation.customer?.tier ?? 'standard',
      name: conversation.customer?.name,
      attributes: conversation.customer?.attributes ?? {},
    };
    for (let i = 0; i < conversation.turns.length; i++) {
      const result = await runBotTurn(pack, {
        text: conversation.turns[i]!.text,
        turn: i + 1,
        memory,
        customer,
        toolData: conversation.data,
      });
      memory = result.memory;
      turns.push(result.turn);
    }
    out.push({ conversation, turns });
  }
  return out;
}
