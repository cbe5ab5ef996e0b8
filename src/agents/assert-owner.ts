import { fail } from '../platform/errors.ts';

/** Agents act on their own conversations; supervisors and admins on any. */
export function assertOwner(
  conversation: { assigneeId: string | null },
  agent: { id: string; role: string },
): void {
  if (agent.role === 'agent' && conversation.assigneeId !== agent.id) {
    fail('FORBIDDEN', 'this conversation is not assigned to you');
  }
}
