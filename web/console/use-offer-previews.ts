import { useEffect, useRef, useState } from 'react';
import type { Offer } from '../../src/protocol/ws.ts';
import type { ConsoleApi } from './api-client.ts';
import { type OfferPreview, offerPreview } from './format-context.ts';

/**
 * The context preview of each offered conversation (summary, next step, transfer note), loaded once per
 * offer so the agent can read it before accepting. A preview that cannot load is left out: the card still
 * shows the offer's own reason.
 */
export function useOfferPreviews(
  api: ConsoleApi,
  offers: readonly Offer[],
): ReadonlyMap<string, OfferPreview> {
  const [previews, setPreviews] = useState<ReadonlyMap<string, OfferPreview>>(new Map());
  const requested = useRef(new Set<string>());

  useEffect(() => {
    const wanted = new Set(offers.map((o) => o.id));
    for (const id of requested.current) if (!wanted.has(id)) requested.current.delete(id);
    setPreviews((prev) => {
      const kept = [...prev].filter(([id]) => wanted.has(id));
      return kept.length === prev.size ? prev : new Map(kept);
    });
    for (const offer of offers) {
      if (requested.current.has(offer.id)) continue;
      requested.current.add(offer.id);
      Promise.all([
        api.context(offer.conversationId).catch(() => null),
        api.conversation(offer.conversationId).catch(() => null),
      ]).then(([ctx, detail]) => {
        if (!requested.current.has(offer.id) || (!ctx && !detail)) return;
        const preview = offerPreview(ctx?.context ?? null, detail?.messages ?? []);
        setPreviews((prev) => new Map(prev).set(offer.id, preview));
      });
    }
  }, [api, offers]);

  return previews;
}
