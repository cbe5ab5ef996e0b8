import { useCallback } from 'react';
import type { ConsoleApi } from './api-client.ts';
import { slotLabel } from './book-appointment-card.tsx';
import { useApiData } from './use-api-data.ts';

type Props = {
  api: ConsoleApi;
  onOpenConversation: (id: string) => void;
  onError: (err: unknown) => void;
};

/** The upcoming appointments of the user's teams: each opens its case, with the customer's whole journey. */
export function UpcomingAppointments({ api, onOpenConversation, onError }: Props) {
  const load = useCallback(() => api.appointments(), [api]);
  const list = useApiData(load, onError);
  const appointments = list.data?.appointments ?? [];
  return (
    <section className="card" aria-labelledby="appointments-title">
      <h3 id="appointments-title">Upcoming appointments</h3>
      {appointments.length === 0 && !list.loading && (
        <p className="muted small">No appointments booked with your teams.</p>
      )}
      <ul className="ticket-list">
        {appointments.map((a) => (
          <li key={a.id} className="ticket-card" data-appointment-id={a.id}>
            <div className="ticket-main">
              <strong>{slotLabel(a.startsAt, 'UTC')} UTC</strong>
              <span className="muted small">
                {a.teamName} · {a.location}
                {a.note ? ` · ${a.note}` : ''}
              </span>
            </div>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => onOpenConversation(a.conversationId)}
            >
              Open the case
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
