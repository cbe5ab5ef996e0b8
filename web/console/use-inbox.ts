import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi, InboxItem } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';

export type Inbox = {
  items: InboxItem[];
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** Applies a conversation the console just changed (take over, resolve...) without waiting for the event. */
  apply: (conversation: Conversation) => void;
};

const openStates = new Set(['bot', 'queued', 'assigned']);

/** The open conversations, loaded over REST and kept current by the socket's inbox events. */
export function useInbox(api: ConsoleApi, socket: ConsoleSocket, onError: (err: unknown) => void): Inbox {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const reload = useCallback(() => {
    api.inbox().then(
      (res) => {
        setItems(res.conversations);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setLoading(false);
        onError(err);
      },
    );
  }, [api, onError]);

  // Several events in a burst (a message and the state change it caused) lead to one reload.
  const reloadSoon = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(reload, 300);
  }, [reload]);

  const apply = useCallback(
    (c: Conversation) => {
      const current = itemsRef.current.find((i) => i.conversation.id === c.id);
      setItems((prev) => applyConversation(prev, c));
      if (!openStates.has(c.state)) return;
      // A new conversation, or a message we have not seen: the list row needs its customer and last message.
      if (!current || c.lastSeq > (current.lastMessage?.seq ?? 0)) reloadSoon();
    },
    [reloadSoon],
  );

  useEffect(() => {
    reload();
    return () => clearTimeout(refreshTimer.current);
  }, [reload]);

  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'reconnected') reload();
        else if (event.type === 'conversation') apply(event.conversation);
        else if (event.type === 'message' && !event.message.internal) {
          const m = event.message;
          setItems((prev) =>
            prev.map((i) =>
              i.conversation.id === m.conversationId && (i.lastMessage?.seq ?? 0) < m.seq
                ? { ...i, lastMessage: m }
                : i,
            ),
          );
        }
      }),
    [socket, reload, apply],
  );

  return { items, loading, error, reload, apply };
}

/** Puts a changed conversation into the list, or drops it once it is no longer open. */
function applyConversation(items: InboxItem[], c: Conversation): InboxItem[] {
  if (!openStates.has(c.state)) return items.filter((i) => i.conversation.id !== c.id);
  return items.map((i) =>
    i.conversation.id === c.id && i.conversation.updatedAt <= c.updatedAt ? { ...i, conversation: c } : i,
  );
}
