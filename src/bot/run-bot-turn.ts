import { type BotMemory, botMemorySchema, emptyBotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn, Entity, FlowStatus, ToolCall } from '../protocol/bot-turn.ts';
import type { PackFlow, PackIntent } from '../protocol/pack.ts';
import { answerWithTool } from './answer-with-tool.ts';
import { classifyMessage } from './classify-message.ts';
import { extractEntities } from './extract-entities.ts';
import type { KnowledgeMatch } from './knowledge-base.ts';
import type { LoadedPack } from './load-packs.ts';
import { renderTemplate, type TemplateContext } from './render-template.ts';
import { type FlowResult, readReply, runFlow, startFlow } from './run-flow.ts';
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
};

/** What the bot did on a turn and what it remembers for the next one. */
export type BotTurnResult = { turn: BotTurn; memory: BotMemory };

/** Intents with these tags never become the conversation's topic. */
const NO_TOPIC_TAGS = ['smalltalk', 'handoff'];
/** How sure the classifier must be to pull the customer out of a running flow. */
const LEAVE_FLOW_CONFIDENCE = 0.8;
const HISTORY_SIZE = 20;

type Draft = Pick<BotTurn, 'reply' | 'replyKind' | 'article' | 'flow'> & {
  tools: ToolCall[];
  answerCase: BotTurn['answerCase'];
};

/** Runs the bot on one customer message: understand, then answer from a flow, a tool, an intent, an article or the fallback. */
export async function runBotTurn(pack: LoadedPack, input: BotTurnInput): Promise<BotTurnResult> {
  const parsedMemory = botMemorySchema.safeParse(input.memory ?? {});
  const memory = parsedMemory.success ? parsedMemory.data : emptyBotMemory();
  const text = input.text.trim();
  let understood: Pick<
    BotTurn,
    'intent' | 'confidence' | 'ranking' | 'outOfScope' | 'entities' | 'sentiment'
  > = {
    intent: null,
    confidence: 0,
    ranking: [],
    outOfScope: false,
    entities: [],
    sentiment: { score: 0, cues: [] },
  };
  try {
    const entities = extractEntities(text, pack.entities);
    const sentiment = scoreSentiment(text);
    const { byPattern, ...classification } = classifyMessage(pack, text);
    understood = { ...classification, entities, sentiment };
    const known = rememberEntities(memory.entities, entities, input.turn);
    const next: BotMemory = { ...memory, entities: known };
    const draft = await compose(pack, input, next, understood, byPattern);
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

function isConfident(pack: LoadedPack, c: Pick<BotTurn, 'intent' | 'confidence' | 'outOfScope'>): boolean {
  return c.intent !== null && !c.outOfScope && c.confidence >= pack.pack.settings.minConfidence;
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

/** Picks and renders the reply; mutates `memory` (flow, awaiting) for the next turn. */
async function compose(
  pack: LoadedPack,
  input: BotTurnInput,
  memory: BotMemory,
  understood: Pick<BotTurn, 'intent' | 'confidence' | 'outOfScope' | 'entities'>,
  byPattern: boolean,
): Promise<Draft> {
  const seed = input.turn;
  const messages = pack.pack.messages;
  const context: TemplateContext & { entity: Record<string, string> } = {
    entity: Object.fromEntries(Object.entries(memory.entities).map(([type, e]) => [type, e.value])),
    customer: input.customer,
    messages,
  };
  const say = (template: Parameters<typeof renderTemplate>[0]) => renderTemplate(template, context, seed);
  const empty: Draft = {
    reply: null,
    replyKind: 'none',
    article: null,
    flow: null,
    tools: [],
    answerCase: null,
  };
  const confident = isConfident(pack, understood);
  const intent = confident ? pack.intents.get(understood.intent!) : undefined;
  const reply = { text: input.text, entities: understood.entities };
  const awaiting = memory.awaiting;
  memory.awaiting = null;

  const flowWording = {
    completed: messages.flowCompleted,
    gaveUp: messages.flowGaveUp,
    reminder: messages.flowReminder,
  };
  const fromFlow = (result: FlowResult): Draft => {
    memory.flow = result.memory;
    return { ...empty, reply: say(result.say), replyKind: 'flow', flow: result.status };
  };

  // 1. a running flow, unless the customer clearly moved on to something else
  const running = memory.flow?.status === 'active' ? pack.flows.get(memory.flow.flow) : undefined;
  if (running && memory.flow) {
    const outcome = readReply(running, memory.flow.step, reply);
    const movedOn =
      outcome === 'neutral' &&
      intent !== undefined &&
      !running.trigger.intents.includes(intent.id) &&
      (byPattern || understood.confidence >= LEAVE_FLOW_CONFIDENCE);
    if (!movedOn) {
      return fromFlow(runFlow(running, memory.flow, reply, flowWording));
    }
    memory.flow = null;
  }

  // 2. a flow triggered by an error code in the message or by the intent
  const triggered = findTriggeredFlow(pack, understood.entities, intent, byPattern);
  if (triggered) {
    if (memory.flow?.flow === triggered.id && memory.flow.status === 'gave_up') {
      const status: FlowStatus = { ...statusOf(triggered, memory.flow) };
      return {
        ...empty,
        reply: say(triggered.gaveUp ?? messages.flowGaveUp),
        replyKind: 'flow',
        flow: status,
      };
    }
    const started = startFlow(triggered, input.turn);
    if (!triggered.steps[0]?.skipIfAnswered) return fromFlow(started);
    const answered = runFlow(
      triggered,
      started.memory,
      { text: '', entities: understood.entities },
      flowWording,
    );
    return fromFlow(answered.outcome === 'success' ? answered : started);
  }

  // 3. a tool-backed intent, or the answer to the question the bot asked for its lookup key
  const resumed =
    awaiting &&
    (!intent || intent.tags.includes('smalltalk') || intent.id === awaiting.intent) &&
    memory.entities[awaiting.entity]?.turn === input.turn
      ? pack.intents.get(awaiting.intent)
      : undefined;
  const toolIntent = resumed?.tool ? resumed : intent?.tool ? intent : undefined;
  if (toolIntent?.tool) {
    const answer = await answerWithTool(pack, { ...toolIntent, tool: toolIntent.tool }, context, {
      toolData: input.toolData,
      seed,
    });
    memory.awaiting = answer.awaiting;
    return {
      ...empty,
      reply: answer.reply,
      replyKind: answer.call ? 'tool' : 'intent',
      tools: answer.call ? [answer.call] : [],
      answerCase: answer.answerCase,
    };
  }

  // 4. a confident intent with its own answer
  if (intent?.answer) return { ...empty, reply: say(intent.answer), replyKind: 'intent' };

  // 5. an article good enough (for an answerless intent, its tagged articles are preferred and may score lower)
  const article = findArticle(pack, input.text, memory, intent);
  if (article) {
    return {
      ...empty,
      reply: `${article.body.trim()}\n\n(From our help article "${article.title}")`,
      replyKind: 'article',
      article: { id: article.id, title: article.title, score: article.score },
    };
  }

  // 6. the fallback
  return { ...empty, reply: say(messages.fallback), replyKind: 'fallback' };
}

function statusOf(flow: PackFlow, memory: NonNullable<BotMemory['flow']>): FlowStatus {
  return {
    flow: flow.id,
    step: memory.step,
    failedCycles: memory.failedCycles,
    maxCycles: flow.maxCycles,
    status: memory.status,
  };
}

function findTriggeredFlow(
  pack: LoadedPack,
  entities: readonly Entity[],
  intent: PackIntent | undefined,
  byPattern: boolean,
): PackFlow | undefined {
  if (byPattern && intent && !intent.flow) return undefined;
  const codes = new Set(entities.filter((e) => e.type === 'error_code').map((e) => e.value.toUpperCase()));
  const flows = [...pack.flows.values()];
  const byCode = flows.find((f) => f.trigger.errorCodes.some((c) => codes.has(c.toUpperCase())));
  if (byCode) return byCode;
  if (!intent) return undefined;
  if (intent.flow) return pack.flows.get(intent.flow);
  return flows.find((f) => f.trigger.intents.includes(intent.id));
}

function findArticle(
  pack: LoadedPack,
  text: string,
  memory: BotMemory,
  intent: PackIntent | undefined,
): KnowledgeMatch | null {
  const min = pack.pack.settings.minArticleScore;
  const boostTags = [intent?.id, memory.topic].filter((t): t is string => !!t);
  const direct = pack.knowledge.search(text, { boostTags });
  if (direct && direct.score >= (intent ? min * 0.75 : min)) return direct;
  if (memory.lastText && text.split(/\s+/).length <= 10) {
    const followUp = pack.knowledge.search(`${memory.lastText} ${text}`, { boostTags });
    if (followUp && followUp.score >= min) return followUp;
  }
  return null;
}
