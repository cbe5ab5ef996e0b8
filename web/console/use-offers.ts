import { useCallback, useEffect, useState } from 'react';
import type { Offer } from '../../src/protocol/ws.ts';
import type { ConsoleApi } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';

/** The offers waiting for this agent: loaded over REST, then kept current by `offer` / `offer_closed` events. */
export function useOffers(api: ConsoleApi, socket: ConsoleSocket, onError: (err: unknown) => void) {
  const [offers, setOffers] = useState<Offer[]>([]);

  const reload = useCallback(() => {
    api.offers().then((res) => setOffers(res.offers), onError);
  }, [api, onError]);

  useEffect(reload, [reload]);

  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'reconnected') reload();
        else if (event.type === 'offer')
          setOffers((prev) => [...prev.filter((o) => o.id !== event.offer.id), event.offer]);
        else if (event.type === 'offer_closed')
          setOffers((prev) => prev.filter((o) => o.id !== event.offerId));
      }),
    [socket, reload],
  );

  const remove = useCallback((id: string) => setOffers((prev) => prev.filter((o) => o.id !== id)), []);
  return { offers, remove };
}
