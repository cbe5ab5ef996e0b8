import { useCallback } from 'react';
import type { SettingsApi } from './settings-api.ts';
import { useApiData } from './use-api-data.ts';

type Props = { api: SettingsApi; hook: string; onError: (err: unknown) => void };

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** A subscription's latest deliveries: event, outcome, attempts, the receiver's answer. */
export function WebhookDeliveries({ api, hook, onError }: Props) {
  const load = useCallback(() => api.deliveries(hook), [api, hook]);
  const { data, loading, reload } = useApiData(load, onError);
  const rows = data?.deliveries ?? [];
  return (
    <div className="settings-deliveries">
      <table className="settings-table">
        <caption className="sr-only">Latest deliveries</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Outcome</th>
            <th scope="col">Attempts</th>
            <th scope="col">Answer</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>{d.eventType}</td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.lastStatusCode ?? d.lastError ?? '—'}</td>
              <td>{when(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted small">{loading ? 'Loading…' : 'Nothing delivered yet.'}</p>}
      <button type="button" className="btn btn-ghost btn-small" onClick={reload}>
        Refresh
      </button>
    </div>
  );
}
