import { flowMemorySchema, SETTLED_LIMIT, type SettledTopic } from '../protocol/bot-memory.ts';

/** Who handed the conversation back, what they wrote, and the seq of the hand-back note. */
export type HandBack = { agent: string; summary: string | null; seq: number };

/**
 * The bot's memory after a person hands the conversation back: the running flow and the question it waited
 * on are dropped, and what the person worked on (topic, flow and step reached, their summary) is kept as a
 * settled topic, so the bot does not repeat steps already tried. Unreadable parts of the memory are ignored.
 */
export function rememberHandBack(
  memory: Record<string, unknown>,
  handBack: HandBack,
): Record<string, unknown> {
  const flow = flowMemorySchema.safeParse(memory.flow);
  const topic = typeof memory.topic === 'string' ? memory.topic : null;
  const settled: SettledTopic = {
    agent: handBack.agent,
    summary: handBack.summary?.trim() ? handBack.summary.trim() : null,
    seq: handBack.seq,
    topic,
    flow: flow.success ? { flow: flow.data.flow, step: flow.data.step, status: flow.data.status } : null,
  };
  const before = Array.isArray(memory.settled) ? (memory.settled as unknown[]) : [];
  return {
    ...memory,
    flow: null,
    awaiting: null,
    handBack: { summary: handBack.summary, agent: handBack.agent, seq: handBack.seq },
    settled: [...before, settled].slice(-SETTLED_LIMIT),
  };
}
