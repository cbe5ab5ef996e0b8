import type { ConversationState, Priority } from '../../src/protocol/conversation.ts';
import { priorityLabels, stateLabels } from './format.ts';

/** A colored pill for a conversation state. */
export function StateBadge({ state }: { state: ConversationState }) {
  return <span className={`badge badge-${state}`}>{stateLabels[state]}</span>;
}

/** A pill for high and urgent priority; nothing for normal. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  if (priority === 'normal') return null;
  return <span className={`badge badge-${priority}`}>{priorityLabels[priority]}</span>;
}
