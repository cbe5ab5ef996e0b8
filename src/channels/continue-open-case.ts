import type { ContinueCase } from '../conversations/conversation-changes.ts';
import { findOpenCase } from './find-open-case.ts';
import type { Timeline } from './timeline-sources.ts';

/**
 * A new conversation of a known customer (an API key or a verified identity named them) continues their open case,
 * with an internal note saying which and why; an anonymous customer has no past to continue.
 */
export function continueOpenCase(timeline: Timeline, now: () => Date): ContinueCase {
  return async (db, { conversationId, customer }) => {
    if (customer.externalId === null) return null;
    const entries = (await timeline.list(db, customer.id)).filter((e) => e.conversationId !== conversationId);
    const open = findOpenCase(entries, now());
    if (!open) return null;
    return {
      caseId: open.caseId,
      note: `Continues the customer's open case${open.topic ? ` about ${open.topic}` : ''} (${open.reason}); see their timeline.`,
      metadata: { caseId: open.caseId, reason: open.reason },
    };
  };
}
