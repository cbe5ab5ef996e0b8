import type { LoadedPack } from '../bot/load-packs.ts';
import type { BotHandoff, RecordedTurn, TurnOutcome } from '../conversations/bot-work-store.ts';
import type { CustomerTurnResult, RespondToCustomer } from '../conversations/conversation-service.ts';
import type { StoredTurn } from '../conversations/conversation-store.ts';
import type { AssistTurnInput, AssistTurnResult } from '../escalation/assist-turn.ts';
import { botMemorySchema } from '../protocol/bot-memory.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Conversation, Customer } from '../protocol/conversation.ts';
import type { Decision } from '../protocol/decision.ts';
import { acceptOffer } from './accept-offer.ts';
import { localeWords } from './locale-words.ts';

/** What the customer's turn reads and writes: the conversation's turns, customer and memory, and the turn store. */
export type CustomerTurnStore = {
  listTurns(conversationId: string): Promise<StoredTurn[]>;
  getCustomer(id: string): Promise<Customer | null>;
  getBotMemory(conversationId: string): Promise<Record<string, unknown>>;
  /** Stores the turn with the bot's new memory in one transaction; the turn already stored for this message wins. */
  recordTurn(
    turn: Omit<StoredTurn, 'createdAt'> & { createdAt: Date },
    memory: Record<string, unknown>,
    outcome: TurnOutcome,
  ): Promise<RecordedTurn | null>;
};

/** The bot and the escalation policy on one message (`escalation/assist-turn` in the product). */
export type Assist = (
  pack: LoadedPack,
  input: AssistTurnInput,
  /** Which conversation the turn belongs to, for those that record it (a shadow version); the policy ignores it. */
  about?: { conversationId: string; now: Date },
) => Promise<AssistTurnResult>;

/** While queued, the bot may still answer simple questions without taking the conversation back. */
const answersWhileWaiting = (botTurn: BotTurn, replies: TurnOutcome['replies']) =>
  ['intent', 'article', 'tool'].includes(botTurn.replyKind) && replies.length > 0;

/**
 * The customer's turn, top to bottom: loads the bot's memory and the turns since the last hand-back, runs the
 * bot and the policy, accepts an offered person on a "yes" in the pack's language, stores the turn once (with
 * what it says and the handoff it asks for) and returns it; a question the bot cannot answer while the customer
 * waits in the queue is left to the person.
 */
export function createRespondToCustomer(deps: {
  store: CustomerTurnStore;
  pack: (id: string) => LoadedPack | undefined;
  assist: Assist;
  now: () => Date;
}): RespondToCustomer {
  return async ({ conversation, messageSeq, text, context, documents }): Promise<CustomerTurnResult> => {
    const pack = deps.pack(conversation.pack);
    if (!pack) throw new Error(`pack ${conversation.pack} is not loaded`);
    const { turns: stored, customer, memory } = context ?? (await readContext(deps.store, conversation));
    const turn = (stored.at(-1)?.turn ?? 0) + 1;
    const now = deps.now();
    const botMemory = botMemorySchema.parse(memory);
    // After a hand-back the policy judges only the turns since: what came before was handled by a person.
    const since = botMemory.handBack?.seq ?? 0;
    const recent = stored.filter((t) => t.messageSeq > since);
    const result = await deps.assist(
      pack,
      {
        text,
        turn,
        memory: botMemory,
        customer: {
          tier: customer?.tier ?? 'standard',
          name: customer?.name ?? undefined,
          attributes: customer?.attributes,
        },
        history: recent.map((t) => t.botTurn),
        documents,
        elapsedMinutes: Math.max(0, (now.getTime() - new Date(conversation.createdAt).getTime()) / 60_000),
        channel: conversation.channel,
      },
      { conversationId: conversation.id, now },
    );
    const accepted = acceptOffer(stored.at(-1)?.decision, text, localeWords(pack.pack.locale));
    const decision: Decision = accepted ?? result.decision;
    // Accepting the offer hands over at once: what the bot would have said to the "yes" is not said.
    const reply = accepted ? null : result.botTurn.reply;
    const replies = reply ? [{ text: reply, metadata: replyMetadata(result.botTurn, decision) }] : [];
    const waiting = conversation.state === 'queued';
    if (waiting && !answersWhileWaiting(result.botTurn, replies)) return { kind: 'left_to_queue' };
    const outcome: TurnOutcome = {
      replies,
      handoff: waiting ? null : handoffOf(decision, pack),
      whileWaiting: waiting,
    };
    const recorded = await deps.store.recordTurn(
      {
        conversationId: conversation.id,
        turn,
        messageSeq,
        pack: conversation.pack,
        botTurn: result.botTurn,
        decision,
        decisionKind: decision.kind,
        createdAt: now,
      },
      result.memory,
      outcome,
    );
    if (!recorded) throw new Error(`turn ${turn} of ${conversation.id} was taken by another message`);
    return { kind: 'answered', recorded };
  };
}

/** What a turn reads when the caller did not load it already. */
async function readContext(store: CustomerTurnStore, conversation: Conversation) {
  const [turns, customer, memory] = await Promise.all([
    store.listTurns(conversation.id),
    store.getCustomer(conversation.customerId),
    store.getBotMemory(conversation.id),
  ]);
  return { turns, customer, memory };
}

/** The handoff a decision asks for, with what the customer is told in the pack's words. */
function handoffOf(decision: Decision, pack: LoadedPack): BotHandoff | null {
  if (decision.kind !== 'handoff') return null;
  const team = pack.pack.teams.find((t) => t.id === decision.team)?.name ?? decision.team;
  return {
    team: decision.team,
    priority: decision.priority,
    mode: decision.mode,
    requiredSkills: [],
    message: pack.pack.messages.handoff
      .replaceAll('{{team.name}}', team)
      .replaceAll('{{reason}}', localeWords(pack.pack.locale).handoffReassurance),
  };
}

/** What the widget may show about a bot reply (the article it came from, emergency guidance); the rest stays internal. */
function replyMetadata(turn: BotTurn, decision: Decision): Record<string, unknown> {
  return {
    ...(turn.article && { article: { id: turn.article.id, title: turn.article.title } }),
    ...(decision.kind === 'handoff' && decision.emergency && { emergency: true }),
    // A documents step: the widget offers an upload for each kind still missing.
    ...(turn.flow?.documents && { documentRequest: turn.flow.documents }),
  };
}

/** The assistant's store over the conversation store. */
export function customerTurnStore(store: {
  listTurns: CustomerTurnStore['listTurns'];
  getCustomer: CustomerTurnStore['getCustomer'];
  getBotMemory: CustomerTurnStore['getBotMemory'];
  bot: { recordTurn: CustomerTurnStore['recordTurn'] };
}): CustomerTurnStore {
  return {
    listTurns: (id) => store.listTurns(id),
    getCustomer: (id) => store.getCustomer(id),
    getBotMemory: (id) => store.getBotMemory(id),
    recordTurn: (turn, memory, outcome) => store.bot.recordTurn(turn, memory, outcome),
  };
}
