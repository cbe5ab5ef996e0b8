import { useCallback } from 'react';
import type { SettingsApi } from './settings-api.ts';
import { useApiData } from './use-api-data.ts';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

/** The packs and their live versions; versions, diffs and rollback live in the Improve view, linked per pack. */
export function SettingsPacks({ api, onError }: Props) {
  const load = useCallback(() => api.packs(), [api]);
  const { data, loading } = useApiData(load, onError);
  return (
    <div className="settings-stack">
      <p className="muted">
        A pack holds a domain’s intents, flows and escalation policy. Each approved change makes a new
        version; the Improve view shows every version with its diff, and rolls back.
      </p>
      <table className="settings-table">
        <caption className="sr-only">Packs</caption>
        <thead>
          <tr>
            <th scope="col">Pack</th>
            <th scope="col">Live version</th>
            <th scope="col">In shadow</th>
            <th scope="col">Suggestions waiting</th>
            <th scope="col">
              <span className="sr-only">Versions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(data?.packs ?? []).map((p) => (
            <tr key={p.id}>
              <td>
                <strong>{p.name}</strong> <code>{p.id}</code>
              </td>
              <td>{p.liveVersion === null ? '—' : `v${p.liveVersion}`}</td>
              <td>{p.shadowVersion === null ? '—' : `v${p.shadowVersion}`}</td>
              <td>{p.waiting}</td>
              <td>
                <a href={`#/improve/${encodeURIComponent(p.id)}`}>
                  Versions<span className="sr-only"> of {p.name}</span> in Improve
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!data && loading && <p className="muted">Loading packs…</p>}
    </div>
  );
}
