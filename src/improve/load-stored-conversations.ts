import { createConversationStore } from '../conversations/conversation-store.ts';
import type { StoredConversation } from '../escalation/replay-conversations.ts';
import type { Db } from '../platform/db/database.ts';
import { botTurnSchema } from '../protocol/bot-turn.ts';
import { decisionSchema } from '../protocol/decision.ts';

/** A pack's stored conversations since a date, with their bot turns, as replay reads them (`baton replay`, Improve). */
export async function loadStoredConversations(
  db: Db,
  pack: string,
  since: Date | null,
): Promise<StoredConversation[]> {
  const store = createConversationStore(db);
  const turns = await store.listTurnsForPack(pack, since);
  const byConversation = new Map<string, typeof turns>();
  for (const t of turns) {
    const list = byConversation.get(t.conversationId);
    if (list) list.push(t);
    else byConversation.set(t.conversationId, [t]);
  }
  const out: StoredConversation[] = [];
  for (const [id, list] of byConversation) {
    const conversation = await store.getConversation(id);
    const customer = conversation ? await store.getCustomer(conversation.customerId) : null;
    const started = conversation ? new Date(conversation.createdAt).getTime() : 0;
    out.push({
      id,
      customer: { tier: customer?.tier ?? 'standard', attributes: customer?.attributes ?? {} },
      turns: list
        .sort((a, b) => a.turn - b.turn)
        .flatMap((t) => {
          const botTurn = botTurnSchema.safeParse(t.botTurn);
          if (!botTurn.success) return [];
          const decision = decisionSchema.safeParse(t.decision);
          return [
            {
              botTurn: botTurn.data,
              decision: decision.success ? decision.data : null,
              elapsedMinutes: started
                ? Math.max(0, (new Date(t.createdAt).getTime() - started) / 60_000)
                : undefined,
            },
          ];
        }),
    });
  }
  return out;
}
