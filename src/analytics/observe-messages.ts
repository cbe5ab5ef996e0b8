import type { ConversationStore } from '../conversations/conversation-store.ts';
import type { Message } from '../protocol/conversation.ts';

/**
 * The same store, reporting every new (non-duplicate) message once it is durable: as the message writer
 * commits it, or as the transaction of a `change` that wrote it commits.
 */
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
    change: async (work) => {
      const stored: Message[] = [];
      const result = await store.change((tx) =>
        work({
          ...tx,
          append: async (inputs) => {
            const appended = await tx.append(inputs);
            for (const a of appended) if (!a.duplicate) stored.push(a.message);
            return appended;
          },
        }),
      );
      for (const message of stored) await onAppended(message);
      return result;
    },
  };
}
