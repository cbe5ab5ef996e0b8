import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { InboxScope } from '../../src/protocol/scope-inbox.ts';
import type { ConsoleApi, InboxItem } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';

export type Inbox = {
  items: InboxItem[];
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** More conversations the bot holds are on the server (everyone waiting for a person is always loaded). */
  hasMore: boolean;
  loadingMore: boolean;
  /** Loads the next page of conversations the bot holds. */
  loadMore: () => void;
  /** Applies a conversation the console just changed (take over, resolve...) without waiting for the event. */
  apply: (conversation: Conversation) => void;
};

const openStates = new Set(['bot', 'queued', 'assigned']);

/**
 * The open conversations, loaded over REST and kept current by the socket's inbox events: the first page
 * holds everyone waiting for or with a person; conversations the bot holds load a page at a time on demand.
 */
export function useInbox(
  api: ConsoleApi,
  socket: ConsoleSocket,
  onError: (err: unknown) => void,
  scope: InboxScope,
): Inbox {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  /** Whether pages past the first were loaded: a refresh of the first page keeps them (events keep them current). */
  const pagedRef = useRef(false);

  const fail = useCallback(
    (err: unknown) => {
      setError(err instanceof Error ? err.message : String(err));
      setLoading(false);
      onError(err);
    },
    [onError],
  );

  const reload = useCallback(() => {
    api.inbox(scope).then((res) => {
      const fresh = new Set(res.conversations.map((i) => i.conversation.id));
      // Everyone with a person is on the first page, so one missing from it has moved on; later pages stay.
      setItems((prev) =>
        pagedRef.current
          ? [
              ...res.conversations,
              ...prev.filter((i) => !fresh.has(i.conversation.id) && i.conversation.state === 'bot'),
            ]
          : res.conversations,
      );
      if (!pagedRef.current) setCursor(res.nextCursor);
      setError(null);
      setLoading(false);
    }, fail);
  }, [api, fail, scope]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    api
      .inbox(scope, cursor)
      .then((res) => {
        pagedRef.current = true;
        setItems((prev) => {
          const known = new Set(prev.map((i) => i.conversation.id));
          return [...prev, ...res.conversations.filter((i) => !known.has(i.conversation.id))];
        });
        setCursor(res.nextCursor);
      }, fail)
      .finally(() => setLoadingMore(false));
  }, [api, cursor, loadingMore, fail, scope]);

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
        if (event.type === 'reconnected') {
          // Events were missed while away: start again from the first page.
          pagedRef.current = false;
          reload();
        } else if (event.type === 'conversation') apply(event.conversation);
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

  return { items, loading, error, reload, apply, hasMore: cursor !== null, loadingMore, loadMore };
}

/** Puts a changed conversation into the list, or drops it once it is no longer open. */
function applyConversation(items: InboxItem[], c: Conversation): InboxItem[] {
  if (!openStates.has(c.state)) return items.filter((i) => i.conversation.id !== c.id);
  return items.map((i) =>
    i.conversation.id === c.id && i.conversation.updatedAt <= c.updatedAt ? { ...i, conversation: c } : i,
  );
}
