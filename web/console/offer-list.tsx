import { useState } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { Offer } from '../../src/protocol/ws.ts';
import { serverClockOffset } from '../shared/request-json.ts';
import type { ConsoleApi } from './api-client.ts';
import { PriorityBadge } from './badges.tsx';
import { useNow } from './use-now.ts';
import { useOfferPreviews } from './use-offer-previews.ts';

type Props = {
  api: ConsoleApi;
  offers: Offer[];
  onAccepted: (c: Conversation) => void;
  onClosed: (offerId: string) => void;
  onError: (err: unknown) => void;
};

/** Conversations routed to this agent, each with its context preview: accept one to get it, or decline. */
export function OfferList({ api, offers, onAccepted, onClosed, onError }: Props) {
  const now = useNow(1000);
  const previews = useOfferPreviews(api, offers);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (offers.length === 0) return null;

  async function answer(offer: Offer, accept: boolean) {
    setBusy(offer.id);
    setError(null);
    try {
      if (accept) onAccepted((await api.acceptOffer(offer.id)).conversation);
      else await api.declineOffer(offer.id);
      onClosed(offer.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="offers" aria-label="Offered to you">
      {offers.map((o) => {
        const left = Math.max(0, Math.round((Date.parse(o.expiresAt) - now - serverClockOffset()) / 1000));
        const p = previews.get(o.id);
        const titleId = `offer-${o.id}-title`;
        return (
          <article key={o.id} className="offer" data-offer-id={o.id} aria-labelledby={titleId}>
            <div className="offer-top">
              <strong id={titleId}>
                {p?.transferNote ? 'Transferred to you' : 'New conversation for you'}
              </strong>
              <span className="offer-timer">
                {left}s<span className="sr-only"> left to answer</span>
              </span>
            </div>
            {p?.topic && <p className="offer-topic">{p.topic}</p>}
            <p className="offer-summary">{p?.summary ?? o.reason}</p>
            {p?.transferNote && <p className="offer-note">{p.transferNote}</p>}
            {p?.nextStep && (
              <p className="offer-next">
                <span className="offer-next-label">Next step</span> {p.nextStep}
              </p>
            )}
            <div className="row-tags">
              <PriorityBadge priority={o.priority} />
              <span className="tag">{o.pack}</span>
              {o.team && <span className="tag">{o.team}</span>}
            </div>
            <div className="offer-buttons">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy !== null}
                onClick={() => answer(o, true)}
              >
                {busy === o.id ? 'Accepting…' : 'Accept'}
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy !== null}
                onClick={() => answer(o, false)}
              >
                Decline
              </button>
            </div>
          </article>
        );
      })}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
