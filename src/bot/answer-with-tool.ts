import type { ToolCall } from '../protocol/bot-turn.ts';
import type { PackIntent } from '../protocol/pack.ts';
import { callTool } from './call-tool.ts';
import { chooseAnswerCase } from './choose-answer-case.ts';
import type { LoadedPack } from './load-packs.ts';
import { renderTemplate, type TemplateContext } from './render-template.ts';

/** A tool-backed answer: the reply, the lookup made (if any), and what the bot now waits for. */
export type ToolAnswer = {
  reply: string;
  call: ToolCall | null;
  awaiting: { intent: string; entity: string } | null;
  answerCase: { id: string; tags: string[] } | null;
};

const readable = (type: string) => type.replaceAll('_', ' ');

/** Answers a tool-backed intent: asks for the lookup key if unknown, else looks it up and fills the answer. */
export async function answerWithTool(
  pack: LoadedPack,
  intent: PackIntent & { tool: NonNullable<PackIntent['tool']> },
  context: TemplateContext & { entity: Record<string, string> },
  options: { toolData?: Record<string, Record<string, unknown>>; seed: number },
): Promise<ToolAnswer> {
  const spec = intent.tool;
  const tool = pack.tools.get(spec.id);
  if (!tool) throw new Error(`intent ${intent.id} refers to unknown tool ${spec.id}`);
  const keyType = spec.entity ?? tool.key;
  const key = keyType ? (context.entity[keyType] ?? null) : null;
  if (keyType && key === null) {
    const ask = spec.ask ?? `Could you tell me your ${readable(keyType)}?`;
    return {
      reply: renderTemplate(ask, context, options.seed),
      call: null,
      awaiting: { intent: intent.id, entity: keyType },
      answerCase: null,
    };
  }
  const call = await callTool(tool, key, { data: options.toolData?.[tool.id], lookup: pack.lookup });
  const filled: TemplateContext = {
    ...context,
    key,
    tool: { ...(context.tool ?? {}), [tool.id]: call.result },
  };
  if (!call.ok) {
    const notFound = call.error === 'not found';
    const template = notFound
      ? (spec.notFound ?? `I couldn't find anything for ${key ?? 'your account'}. Could you check it?`)
      : pack.pack.messages.toolError;
    return {
      reply: renderTemplate(template, filled, options.seed),
      call,
      awaiting: notFound && keyType ? { intent: intent.id, entity: keyType } : null,
      answerCase: { id: notFound ? 'not_found' : 'tool_error', tags: [] },
    };
  }
  const chosen = chooseAnswerCase(spec.cases, filled);
  const template = chosen?.say ?? intent.answer ?? `Here is what I found: {{tool.${tool.id}}}`;
  return {
    reply: renderTemplate(template, filled, options.seed),
    call,
    awaiting: null,
    answerCase: chosen ? { id: chosen.id, tags: chosen.tags } : null,
  };
}
