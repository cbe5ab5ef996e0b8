import { type ReactNode, useState } from 'react';
import type { Ticket } from './api-client.ts';
import { agoText } from './format.ts';
import { useNow } from './use-now.ts';
import type { Tickets } from './use-tickets.ts';

type Props = {
  tickets: Tickets;
  onOpenConversation: (id: string) => void;
  onError: (err: unknown) => void;
  /** Shown above the tickets (the upcoming appointments of the user's teams). */
  children?: ReactNode;
};

/** Messages and callback requests customers left when nobody could take their conversation; close once handled. */
export function TicketsView({ tickets, onOpenConversation, onError, children }: Props) {
  const now = useNow();
  const [closing, setClosing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sorted = [...tickets.tickets].sort(byDue);

  async function close(t: Ticket) {
    setClosing(t.id);
    setError(null);
    try {
      await tickets.close(t.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    } finally {
      setClosing(null);
    }
  }

  return (
    <main className="tickets" aria-labelledby="tickets-title">
      <div className="tickets-head">
        <div>
          <h2 id="tickets-title">Messages &amp; callbacks</h2>
          <p className="muted small">Left by customers while nobody could take their conversation.</p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={tickets.reload}>
          Refresh
        </button>
      </div>
      {children}
      {(error ?? tickets.error) && (
        <p className="inline-error" role="alert">
          {error ?? tickets.error}
        </p>
      )}
      {sorted.length === 0 && !tickets.loading ? (
        <div className="empty-small">
          <strong>Nothing waiting</strong>
          <span>New messages and callback requests appear here.</span>
        </div>
      ) : (
        <ul className="ticket-list">
          {sorted.map((t) => (
            <li key={t.id} className="ticket-card" data-ticket-id={t.id}>
              <div className="ticket-main">
                <div className="ticket-top">
                  <span className={`badge ticket-${t.kind}`}>
                    {t.kind === 'callback' ? 'Callback' : 'Message'}
                  </span>
                  {t.team && <span className="tag">{t.team}</span>}
                  <span className="muted small">{agoText(t.createdAt, now)}</span>
                </div>
                <p className="ticket-contact">
                  {t.kind === 'callback' ? 'Call ' : 'Write to '}
                  <strong>{t.contact ?? 'no contact given'}</strong>
                  {t.callbackAt && <> around {new Date(t.callbackAt).toLocaleString()}</>}
                </p>
                {t.note && <p className="ticket-note">“{t.note}”</p>}
              </div>
              <div className="ticket-actions">
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={() => onOpenConversation(t.conversationId)}
                >
                  Open conversation
                </button>
                <button
                  type="button"
                  className="btn btn-success"
                  disabled={closing !== null}
                  onClick={() => close(t)}
                >
                  {closing === t.id ? 'Closing…' : 'Close ticket'}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

/** Callbacks by their time first, then everything else oldest first. */
function byDue(a: Ticket, b: Ticket): number {
  const x = a.callbackAt ?? a.createdAt;
  const y = b.callbackAt ?? b.createdAt;
  return x.localeCompare(y);
}
