import { type BotMemory, botMemorySchema, emptyBotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn, Entity } from '../protocol/bot-turn.ts';
import { classifyMessage } from './classify-message.ts';
import { composeReply, isConfident } from './compose-reply.ts';
import { extractEntities } from './extract-entities.ts';
import type { LoadedPack } from './load-packs.ts';
import { renderTemplate } from './render-template.ts';
import { scoreSentiment } from './score-sentiment.ts';

/** One customer message and what the bot knows around it. */
export type BotTurnInput = {
  text: string;
  /** 1-based index of this customer turn. */
  turn: number;
  memory: BotMemory;
  customer: { tier: string; name?: string; attributes?: Record<string, unknown> };
  /** Records that replace the pack's tool data (a scenario's `data`): by tool id, then lookup key. */
  toolData?: Record<string, Record<string, unknown>>;
  /** Documents the customer sent with this message, by the kind they were sent for. */
  documents?: readonly { kind: string | null }[];
};

/** What the bot did on a turn and what it remembers for the next one. */
export type BotTurnResult = { turn: BotTurn; memory: BotMemory };

/** Intents with these tags never become the conversation's topic. */
const NO_TOPIC_TAGS = ['smalltalk', 'handoff', 'frustration'];
const HISTORY_SIZE = 20;

/** Runs the bot on one customer message: understand, then answer from a flow, a tool, an intent, an article or the fallback. */
export async function runBotTurn(pack: LoadedPack, input: BotTurnInput): Promise<BotTurnResult> {
  const parsedMemory = botMemorySchema.safeParse(input.memory ?? {});
  const memory = parsedMemory.success ? parsedMemory.data : emptyBotMemory();
  const text = input.text.trim();
  let understood: Pick<
    BotTurn,
    'intent' | 'confidence' | 'ranking' | 'outOfScope' | 'entities' | 'sentiment' | 'intentSource'
  > = {
    intent: null,
    confidence: 0,
    ranking: [],
    outOfScope: false,
    entities: [],
    sentiment: { score: 0, cues: [] },
    intentSource: 'model',
  };
  try {
    const entities = withAwaitedKey(extractEntities(text, pack.entities), memory.awaiting, text);
    const sentiment = scoreSentiment(text);
    const classification = classifyMessage(pack, text, entities, memory.awaiting);
    understood = { ...classification, entities, sentiment };
    const known = rememberEntities(memory.entities, entities, input.turn);
    const next: BotMemory = { ...memory, entities: known };
    const draft = await composeReply(pack, input, next, understood);
    const confident = isConfident(pack, understood);
    const intent = confident ? pack.intents.get(understood.intent!) : undefined;
    const topicChanges = intent && !intent.tags.some((t) => NO_TOPIC_TAGS.includes(t));
    next.lastIntent = confident ? understood.intent : memory.lastIntent;
    next.topic = topicChanges ? intent.id : (next.topic ?? memory.topic);
    next.lastText = text;
    next.fallbacks = draft.replyKind === 'fallback' ? memory.fallbacks + 1 : 0;
    const turn: BotTurn = {
      turn: input.turn,
      text,
      ...understood,
      ...draft,
      error: parsedMemory.success ? null : 'memory was unreadable and has been reset',
      topic: next.topic,
      knownEntities: Object.values(known).map(({ turn: _t, ...e }) => e),
    };
    next.history = [...memory.history, summarise(turn)].slice(-HISTORY_SIZE);
    return { turn, memory: next };
  } catch (err) {
    const turn: BotTurn = {
      turn: input.turn,
      text,
      ...understood,
      article: null,
      flow: null,
      tools: [],
      reply: renderTemplate(pack.pack.messages.fallback, {}, input.turn),
      replyKind: 'fallback',
      error: err instanceof Error ? err.message : String(err),
      topic: memory.topic,
      answerCase: null,
    };
    return {
      turn,
      memory: { ...memory, history: [...memory.history, summarise(turn)].slice(-HISTORY_SIZE) },
    };
  }
}

/**
 * When the bot asked for a lookup key last turn and the reply is just a code ("12345", "it's X-77"),
 * that code is the key even if no entity pattern knows its format.
 */
function withAwaitedKey(entities: Entity[], awaiting: BotMemory['awaiting'], text: string): Entity[] {
  if (!awaiting || entities.some((e) => e.type === awaiting.entity)) return entities;
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length > 4) return entities;
  const code = words
    .map((w) => w.replace(/^[^\w#]+|[^\w]+$/g, ''))
    .find((w) => /^#?[\w-]*\d[\w-]*$/.test(w) && w.length >= 3);
  if (!code) return entities;
  const value = code.replace(/^#/, '').toUpperCase();
  return [...entities.filter((e) => e.text !== code), { type: awaiting.entity, value, text: code }];
}

function rememberEntities(
  before: BotMemory['entities'],
  found: Entity[],
  turn: number,
): BotMemory['entities'] {
  const after = { ...before };
  for (const e of found) after[e.type] = { ...e, turn };
  return after;
}

function summarise(turn: BotTurn): BotMemory['history'][number] {
  return {
    turn: turn.turn,
    intent: turn.intent,
    confidence: turn.confidence,
    outOfScope: turn.outOfScope,
    sentiment: turn.sentiment.score,
    cues: turn.sentiment.cues,
    replyKind: turn.replyKind,
    article: turn.article?.id ?? null,
    flowStatus: turn.flow?.status ?? null,
  };
}
