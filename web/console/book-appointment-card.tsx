import { useCallback, useState } from 'react';
import type { ConsoleApi } from './api-client.ts';
import { useApiData } from './use-api-data.ts';

type Props = {
  api: ConsoleApi;
  conversation: { id: string; pack: string };
  onError: (err: unknown) => void;
};

/** A slot as the place tells it: weekday, date and time in the place's own zone. */
export function slotLabel(startsAt: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(startsAt));
}

/** Books the customer in at a branch or office: pick the place, then one of its free slots. */
export function BookAppointmentCard({ api, conversation, onError }: Props) {
  const loadPlaces = useCallback(() => api.places(conversation.pack), [api, conversation.pack]);
  const places = useApiData(loadPlaces, onError);
  const [team, setTeam] = useState<string>('');
  const loadSlots = useCallback(
    () => (team ? api.slots(conversation.pack, team) : Promise.resolve(null)),
    [api, conversation.pack, team],
  );
  const slots = useApiData(loadSlots, onError);
  const [startsAt, setStartsAt] = useState('');
  const [result, setResult] = useState<string | null>(null);
  if (!places.data || places.data.places.length === 0) return null;

  const book = () => {
    setResult(null);
    api.bookAppointment(conversation.id, team, startsAt).then(
      (r) => {
        setResult(
          `Booked for ${slotLabel(r.appointment.startsAt, slots.data?.timezone ?? 'UTC')}; the customer was told.`,
        );
        setStartsAt('');
        slots.reload();
      },
      (err: unknown) => {
        setResult(err instanceof Error ? err.message : String(err));
        onError(err);
      },
    );
  };
  return (
    <section className="card" aria-labelledby="book-title">
      <h3 id="book-title">Book at a branch</h3>
      <label className="merge-field">
        Place
        <select value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">Choose…</option>
          {places.data.places.map((p) => (
            <option key={p.team} value={p.team}>
              {p.teamName} · {p.location}
            </option>
          ))}
        </select>
      </label>
      {team && slots.data && (
        <label className="merge-field">
          Time ({slots.data.timezone})
          <select value={startsAt} onChange={(e) => setStartsAt(e.target.value)}>
            <option value="">Choose…</option>
            {slots.data.slots.slice(0, 40).map((s) => (
              <option key={s.startsAt} value={s.startsAt}>
                {slotLabel(s.startsAt, slots.data!.timezone)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="btn" disabled={!team || !startsAt} onClick={book}>
        Book and tell the customer
      </button>
      {result && <p className="small">{result}</p>}
    </section>
  );
}
