import type { Priority } from '../protocol/conversation.ts';

export type QueueItem = { id: string; priority: Priority; queuedAt: number };

const rank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2 };

/**
 * Orders a queue: higher priority first, then longest waiting. Priority ages: every `agingSeconds`
 * of waiting counts as one priority level, so a long-waiting normal conversation is not starved by new urgent ones.
 */
export function orderQueue<T extends QueueItem>(items: readonly T[], nowMs: number, agingSeconds = 600): T[] {
  const score = (i: QueueItem) => rank[i.priority] * agingSeconds - Math.max(0, nowMs - i.queuedAt) / 1000;
  return [...items].sort((a, b) => score(a) - score(b) || a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1));
}
