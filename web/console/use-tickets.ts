import { useCallback, useEffect, useState } from 'react';
import type { ConsoleApi, Ticket } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';

export type Tickets = {
  tickets: Ticket[];
  loading: boolean;
  error: string | null;
  reload: () => void;
  close: (id: string) => Promise<void>;
};

/**
 * Open messages and callback requests, live: the server pushes a `tickets` event when one is left or closed
 * (by anyone), and the list reloads; it also refreshes every `everyMs` as a safety net.
 */
export function useTickets(
  api: ConsoleApi,
  socket: ConsoleSocket,
  onError: (err: unknown) => void,
  everyMs = 30_000,
): Tickets {
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.tickets().then(
      (res) => {
        setTickets(res.tickets);
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

  useEffect(() => {
    reload();
    const t = setInterval(reload, everyMs);
    return () => clearInterval(t);
  }, [reload, everyMs]);

  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'reconnected') reload();
        else if (event.type === 'tickets' && event.event === 'closed')
          setTickets((prev) => prev.filter((t) => t.id !== event.ticketId));
        else if (event.type === 'tickets') reload();
      }),
    [socket, reload],
  );

  const close = useCallback(
    async (id: string) => {
      await api.closeTicket(id);
      setTickets((prev) => prev.filter((t) => t.id !== id));
    },
    [api],
  );

  return { tickets, loading, error, reload, close };
}
