import type { LoadedPack } from '../bot/load-packs.ts';
import type { BotResponder } from '../conversations/conversation-service.ts';
import { assistTurn } from '../escalation/assist-turn.ts';
import { type BotMemory, botMemorySchema } from '../protocol/bot-memory.ts';
import { type BotTurn, botTurnSchema } from '../protocol/bot-turn.ts';
import { type Decision, decisionSchema } from '../protocol/decision.ts';

const yes =
  /^\s*(yes|yeah|yep|yup|sure|ok(ay)?|please( do)?|y|connect me|go ahead|that would be (great|good)|i would|i'd like that)\b/i;

/** Plugs the pack bot and the escalation policy into the conversation service. */
export function createBotResponder(packs: ReadonlyMap<string, LoadedPack>): BotResponder {
  return async ({ conversation, customer, text, turn, memory, history, now }) => {
    const pack = packs.get(conversation.pack);
    if (!pack) throw new Error(`pack ${conversation.pack} is not loaded`);
    const botMemory = botMemorySchema.parse(memory ?? {});
    // After a hand-back the policy judges only the turns since: what came before was handled by a person.
    const since = botMemory.handBack?.seq ?? 0;
    const previous = history
      .filter((h) => h.messageSeq > since)
      .flatMap((h) => {
        const parsed = botTurnSchema.safeParse(h.botTurn);
        return parsed.success ? [parsed.data] : [];
      });
    const profile = {
      tier: customer?.tier ?? 'standard',
      name: customer?.name ?? undefined,
      attributes: customer?.attributes,
    };
    const result = await assistTurn(pack, {
      text,
      turn,
      memory: botMemory,
      customer: profile,
      history: previous,
      elapsedMinutes: Math.max(0, (now.getTime() - new Date(conversation.createdAt).getTime()) / 60_000),
    });
    const decision = acceptedOffer(history.at(-1)?.decision, text) ?? result.decision;
    const teamName = (id: string) => pack.pack.teams.find((t) => t.id === id)?.name ?? id;
    const handoff =
      decision.kind === 'handoff'
        ? {
            team: decision.team,
            priority: decision.priority,
            mode: decision.mode,
            requiredSkills: [],
            message: pack.pack.messages.handoff
              .replaceAll('{{team.name}}', teamName(decision.team))
              .replaceAll(
                '{{reason}}',
                "They'll see our whole conversation, so you won't need to repeat yourself.",
              ),
          }
        : null;
    const reply = decision !== result.decision ? null : result.botTurn.reply;
    return {
      replies: reply ? [{ text: reply, metadata: replyMetadata(result.botTurn) }] : [],
      memory: result.memory as BotMemory & Record<string, unknown>,
      botTurn: result.botTurn as BotTurn & Record<string, unknown>,
      decision: decision as Decision & Record<string, unknown>,
      handoff,
    };
  };
}

/** A "yes" right after the bot offered a person turns that offer into the handoff. */
function acceptedOffer(previous: Record<string, unknown> | undefined, text: string): Decision | null {
  const parsed = decisionSchema.safeParse(previous);
  if (!parsed.success || parsed.data.kind !== 'offer' || !yes.test(text)) return null;
  return {
    ...parsed.data,
    kind: 'handoff',
    reasons: [...parsed.data.reasons, 'The customer accepted the offer of a person.'],
  };
}

/** What the widget may show about a bot reply (the article it came from); the rest stays internal. */
function replyMetadata(turn: BotTurn): Record<string, unknown> {
  return turn.article ? { article: { id: turn.article.id, title: turn.article.title } } : {};
}
