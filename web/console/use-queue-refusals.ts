import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleApi, QueueRefusal } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';

/**
 * Who declined or missed each waiting conversation (of this user's teams; every team for supervisors), by
 * conversation. Reloaded when a waiting conversation changes (routing republishes it after every refusal).
 */
export function useQueueRefusals(
  api: ConsoleApi,
  socket: ConsoleSocket,
  onError: (err: unknown) => void,
): Map<string, QueueRefusal[]> {
  const [byConversation, setByConversation] = useState(() => new Map<string, QueueRefusal[]>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = useCallback(() => {
    api.queueRefusals().then((res) => {
      const next = new Map<string, QueueRefusal[]>();
      for (const r of res.refusals) next.set(r.conversationId, [...(next.get(r.conversationId) ?? []), r]);
      setByConversation(next);
    }, onError);
  }, [api, onError]);

  useEffect(() => {
    reload();
    return () => clearTimeout(timer.current);
  }, [reload]);

  useEffect(
    () =>
      socket.on((event) => {
        const waiting = event.type === 'conversation' && event.conversation.state === 'queued';
        if (event.type === 'reconnected' || event.type === 'offer_closed' || waiting) {
          // A refusal republishes the conversation, often with an offer to someone else: one reload for the burst.
          clearTimeout(timer.current);
          timer.current = setTimeout(reload, 300);
        }
      }),
    [socket, reload],
  );
  return byConversation;
}
