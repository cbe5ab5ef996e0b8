import type { ConversationStore } from '../conversations/conversation-store.ts';
import type { BatonMetrics } from './baton-metrics.ts';

/** The same store whose message writer counts every new (non-duplicate) message by author kind. */
export function countMessages(store: ConversationStore, metrics: BatonMetrics): ConversationStore {
  const writer = store.writer;
  return {
    ...store,
    writer: {
      drain: () => writer.drain(),
      append: async (input) => {
        const appended = await writer.append(input);
        if (!appended.duplicate) metrics.message(appended.message.authorKind);
        return appended;
      },
    },
  };
}
