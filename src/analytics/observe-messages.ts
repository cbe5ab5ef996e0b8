import type { ConversationStore } from '../conversations/conversation-store.ts';
import type { Message } from '../protocol/conversation.ts';

/** The same store whose message writer reports every new (non-duplicate) message once it is durable. */
export function observeMessages(
  store: ConversationStore,
  onAppended: (message: Message) => Promise<void> | void,
): ConversationStore {
  const writer = store.writer;
  return {
    ...store,
    writer: {
      drain: () => writer.drain(),
      append: async (input) => {
        const appended = await writer.append(input);
        if (!appended.duplicate) await onAppended(appended.message);
        return appended;
      },
    },
  };
}
