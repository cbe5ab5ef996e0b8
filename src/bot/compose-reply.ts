import type { BotMemory, SettledTopic } from '../protocol/bot-memory.ts';
import type { BotTurn, Entity, FlowStatus, ToolCall } from '../protocol/bot-turn.ts';
import type { PackFlow, PackIntent } from '../protocol/pack.ts';
import { answerWithTool } from './answer-with-tool.ts';
import type { KnowledgeMatch } from './knowledge-base.ts';
import type { LoadedPack } from './load-packs.ts';
import { renderTemplate, type TemplateContext } from './render-template.ts';
import type { BotTurnInput } from './run-bot-turn.ts';
import { type FlowResult, readReply, resumeFlow, runFlow, startFlow } from './run-flow.ts';

/** How sure the classifier must be to pull the customer out of a running flow. */
const LEAVE_FLOW_CONFIDENCE = 0.6;

/** The reply part of a BotTurn. */
export type Draft = Pick<BotTurn, 'reply' | 'replyKind' | 'article' | 'flow'> & {
  tools: ToolCall[];
  answerCase: BotTurn['answerCase'];
};

/** Whether the classifier is sure enough for the bot to act on the intent. */
export function isConfident(
  pack: LoadedPack,
  c: Pick<BotTurn, 'intent' | 'confidence' | 'outOfScope' | 'intentSource'>,
): boolean {
  if (c.intent === null || c.outOfScope) return false;
  return (
    c.intentSource === 'pattern' ||
    c.intentSource === 'entity' ||
    c.confidence >= pack.pack.settings.minConfidence
  );
}

/** Picks and renders the reply: flow, tool, intent, article or fallback; mutates `memory` (flow, awaiting). */
export async function composeReply(
  pack: LoadedPack,
  input: BotTurnInput,
  memory: BotMemory,
  understood: Pick<BotTurn, 'intent' | 'confidence' | 'outOfScope' | 'entities' | 'intentSource'>,
): Promise<Draft> {
  const byPattern = understood.intentSource === 'pattern';
  const seed = input.turn;
  const messages = pack.pack.messages;
  const context: TemplateContext & { entity: Record<string, string> } = {
    entity: Object.fromEntries(Object.entries(memory.entities).map(([type, e]) => [type, e.value])),
    customer: input.customer,
    messages,
    // `{{teams.fraud}}`: the bot names a team as the handoff note and the queue do.
    teams: Object.fromEntries(pack.pack.teams.map((t) => [t.id, t.name])),
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
  const reply = { text: input.text, entities: understood.entities, documents: input.documents ?? [] };
  const awaiting = memory.awaiting;
  memory.awaiting = null;

  const flowWording = {
    completed: messages.flowCompleted,
    gaveUp: messages.flowGaveUp,
    reminder: messages.flowReminder,
    documentsMissing: messages.flowDocumentsMissing,
  };
  const fromFlow = (result: FlowResult): Draft => {
    memory.flow = result.memory;
    return { ...empty, reply: say(result.say), replyKind: 'flow', flow: result.status };
  };

  // 1. a running flow, unless the customer clearly moved on to something else
  const running = memory.flow?.status === 'active' ? pack.flows.get(memory.flow.flow) : undefined;
  if (running && memory.flow) {
    const outcome = readReply(running, memory.flow.step, reply);
    const other = findTriggeredFlow(pack, understood.entities, undefined, false);
    const movedOn =
      outcome === 'neutral' &&
      reply.documents.length === 0 &&
      ((other !== undefined && other.id !== running.id) ||
        (intent !== undefined &&
          !running.trigger.intents.includes(intent.id) &&
          (byPattern || understood.confidence >= LEAVE_FLOW_CONFIDENCE)));
    if (!movedOn) {
      return fromFlow(runFlow(running, memory.flow, reply, flowWording));
    }
    memory.flow = null;
  }

  // 2. a flow triggered by an error code in the message or by the intent
  const triggered = findTriggeredFlow(pack, understood.entities, intent, byPattern);
  // a flow a person already worked on and handed back: acknowledge it and go on from where they left it
  const gaveUpHere = memory.flow?.flow === triggered?.id && memory.flow?.status === 'gave_up';
  const settled = triggered && !gaveUpHere ? settledFlow(memory, triggered.id) : null;
  if (triggered && settled?.flow) {
    const resumed = resumeFlow(triggered, settled.flow, settled.summary !== null, input.turn);
    memory.flow = resumed.memory;
    const recap = renderTemplate(
      resumed.next === 'untried_step'
        ? messages.flowResumed
        : resumed.next === 'person_fix'
          ? messages.flowPersonFix
          : messages.flowRecurred,
      {
        ...context,
        handBack: {
          agent: settled.agent,
          summary: settled.summary?.replace(/[\s.]+$/, ''),
          tried: resumed.tried.map((id) => id.replaceAll('_', ' ')).join(', '),
        },
      },
      seed,
    );
    const next = resumed.next === 'untried_step' ? say(resumed.say) : '';
    return {
      ...empty,
      reply: [recap, next].filter(Boolean).join('\n\n'),
      replyKind: 'flow',
      flow: resumed.status,
    };
  }
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
    // Documents sent with the message that starts a documents step count at once.
    if (triggered.steps[0]?.kind === 'documents' && reply.documents.length > 0)
      return fromFlow(runFlow(triggered, started.memory, { ...reply, text: '' }, flowWording));
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

/** The newest topic a person handed back whose flow is this one. */
function settledFlow(memory: BotMemory, flowId: string): SettledTopic | null {
  return memory.settled.findLast((s) => s.flow?.flow === flowId) ?? null;
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
  if (intent && !intent.answer) {
    // a confident intent that answers from its articles: the closest of them, or its first
    return (
      pack.knowledge.search(text, { onlyTags: [intent.id] }) ?? pack.knowledge.tagged(intent.id)[0] ?? null
    );
  }
  return null;
}
