import { useCallback, useEffect } from 'react';
import type { ConsoleApi, LiveQueue } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { type ApiData, useApiData, useThrottled } from './use-api-data.ts';

/**
 * Every team's live queue, reloaded every `everyMs` and soon after anything changes on the console's socket
 * (a conversation queued, taken or resolved; a notice such as an SLA breach; a reconnect).
 */
export function useLiveQueues(
  api: ConsoleApi,
  socket: ConsoleSocket,
  onError: (err: unknown) => void,
  everyMs = 5_000,
): ApiData<LiveQueue[]> {
  const load = useCallback(() => api.queues().then((r) => r.queues), [api]);
  const queues = useApiData(load, onError);
  const { reload } = queues;
  const soon = useThrottled(reload, 500);

  useEffect(() => {
    const t = setInterval(reload, everyMs);
    return () => clearInterval(t);
  }, [reload, everyMs]);

  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'conversation' || event.type === 'notice' || event.type === 'reconnected') soon();
      }),
    [socket, soon],
  );
  return queues;
}
