import type { ConversationState } from '../../src/protocol/conversation.ts';
import { priorityLabels, stateLabels } from './format.ts';

/** A colored pill for a conversation state. */
export function StateBadge({ state }: { state: ConversationState }) {
  return <span className={`badge badge-${state}`}>{stateLabels[state]}</span>;
}

/** A pill for high and urgent priority (or any other the server names); nothing for normal. */
export function PriorityBadge({ priority }: { priority: string }) {
  if (priority === 'normal') return null;
  const label =
    priority in priorityLabels ? priorityLabels[priority as keyof typeof priorityLabels] : priority;
  return <span className={`badge badge-${priority}`}>{label}</span>;
}
