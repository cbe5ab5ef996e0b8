import { useCallback, useState } from 'react';
import { AgentEditor } from './settings-agent-editor.tsx';
import type { SettingsApi } from './settings-api.ts';
import { SaveStatus } from './settings-field.tsx';
import { useApiData } from './use-api-data.ts';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

/** Accounts: create, role, team membership, skills, capacity, disable. */
export function SettingsAgents({ api, onError }: Props) {
  const loadAgents = useCallback(() => api.agents(), [api]);
  const loadTeams = useCallback(() => api.teams(), [api]);
  const agents = useApiData(loadAgents, onError);
  const teams = useApiData(loadTeams, onError).data?.teams ?? [];
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const done = (message: string) => {
    setSaved(message);
    setEditing(null);
    agents.reload();
  };
  const current = agents.data?.agents.find((a) => a.id === editing) ?? null;
  return (
    <div className="settings-stack">
      <div className="settings-toolbar">
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          Add account
        </button>
        <SaveStatus saved={saved} error={null} />
      </div>
      {(editing === 'new' || current) && (
        <AgentEditor
          key={editing}
          api={api}
          agent={current}
          teams={teams.map((t) => ({ id: t.id, name: t.name }))}
          onDone={done}
          onCancel={() => setEditing(null)}
          onError={onError}
        />
      )}
      <table className="settings-table">
        <caption className="sr-only">Console accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Teams</th>
            <th scope="col">Skills</th>
            <th scope="col">Chats at once</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(agents.data?.agents ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <strong>{a.name}</strong>
                <br />
                <small className="muted">{a.email}</small>
              </td>
              <td>{a.role}</td>
              <td>{a.teams.join(', ') || '—'}</td>
              <td>{a.skills.join(', ') || '—'}</td>
              <td>{a.capacity}</td>
              <td>{a.active ? 'Active' : 'Disabled'}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => setEditing(a.id)}
                >
                  Edit<span className="sr-only"> {a.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
