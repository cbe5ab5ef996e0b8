import { useCallback, useState } from 'react';
import type { Agent, Role } from '../../src/protocol/agent.ts';
import {
  checkCapacity,
  checkNewAgent,
  checkSkills,
  describeProblem,
  readList,
} from './check-settings-input.ts';
import type { SettingsApi } from './settings-api.ts';
import { SaveStatus, SettingsField } from './settings-field.tsx';
import { useApiData } from './use-api-data.ts';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

const roles: Role[] = ['agent', 'supervisor', 'admin'];
const labels = {
  email: 'Email',
  name: 'Name',
  password: 'Password',
  skills: 'Skills',
  capacity: 'Capacity',
  teams: 'Teams',
};

/** What the account form edits; teams are picked from the known ones. */
type AgentForm = {
  email: string;
  name: string;
  role: Role;
  password: string;
  teams: string[];
  skills: string;
  capacity: string;
};

const blank: AgentForm = {
  email: '',
  name: '',
  role: 'agent',
  password: '',
  teams: [],
  skills: '',
  capacity: '3',
};
const formOf = (a: Agent): AgentForm => ({
  ...a,
  password: '',
  skills: a.skills.join(', '),
  capacity: String(a.capacity),
});

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

type EditorProps = {
  api: SettingsApi;
  agent: Agent | null;
  teams: { id: string; name: string }[];
  onDone: (message: string) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
};

function AgentEditor({ api, agent, teams, onDone, onCancel, onError }: EditorProps) {
  const [form, setForm] = useState<AgentForm>(agent ? formOf(agent) : blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof AgentForm>(key: K, value: AgentForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const run = async (call: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await call();
      onDone(message);
    } catch (err) {
      setProblem(describeProblem(err, labels));
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const skills = readList(form.skills);
    const capacity = Number(form.capacity);
    const found = agent
      ? {
          ...checkCapacity(capacity),
          ...(checkSkills(skills) && { skills: checkSkills(skills)! }),
          ...(form.name.trim() ? {} : { name: 'Enter the person’s name' }),
          ...(form.password &&
            form.password.length < 12 && { password: 'Use at least 12 characters for the password' }),
        }
      : checkNewAgent({ ...form, skills, capacity });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = { name: form.name.trim(), role: form.role, teams: form.teams, skills, capacity };
    if (agent)
      run(
        () => api.updateAgent(agent.id, { ...fields, ...(form.password && { password: form.password }) }),
        `Saved ${fields.name}.`,
      );
    else
      run(
        () => api.createAgent({ ...fields, email: form.email.trim(), password: form.password }),
        `Added ${fields.name}.`,
      );
  };

  return (
    <form
      className="settings-form card"
      onSubmit={submit}
      noValidate
      aria-label={agent ? `Edit ${agent.name}` : 'New account'}
    >
      <h3>{agent ? `Edit ${agent.email}` : 'New account'}</h3>
      {!agent && (
        <SettingsField
          id="agent-email"
          label="Email"
          type="email"
          value={form.email}
          onChange={(v) => set('email', v)}
          error={errors.email}
        />
      )}
      <SettingsField
        id="agent-name"
        label="Name"
        value={form.name}
        onChange={(v) => set('name', v)}
        error={errors.name}
      />
      <div className="settings-field">
        <label htmlFor="agent-role">Role</label>
        <select id="agent-role" value={form.role} onChange={(e) => set('role', e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="settings-checks">
        <legend>Teams (takes their chats)</legend>
        {teams.map((t) => (
          <label key={t.id} className="settings-check">
            <input
              type="checkbox"
              checked={form.teams.includes(t.id)}
              onChange={(e) =>
                set('teams', e.target.checked ? [...form.teams, t.id] : form.teams.filter((x) => x !== t.id))
              }
            />
            {t.name}
          </label>
        ))}
      </fieldset>
      <SettingsField
        id="agent-skills"
        label="Skills"
        value={form.skills}
        onChange={(v) => set('skills', v)}
        error={errors.skills}
        hint="Comma-separated"
      />
      <SettingsField
        id="agent-capacity"
        label="Chats at once"
        type="number"
        value={form.capacity}
        onChange={(v) => set('capacity', v)}
        error={errors.capacity}
      />
      <SettingsField
        id="agent-password"
        label={agent ? 'New password (optional)' : 'Password'}
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(v) => set('password', v)}
        error={errors.password}
        hint={
          agent
            ? 'A new password signs the person out everywhere.'
            : 'At least 12 characters, not a common one.'
        }
      />
      <SaveStatus saved={null} error={problem} />
      <div className="settings-actions">
        {agent && (
          <button
            type="button"
            className={`btn ${agent.active ? 'btn-danger' : 'btn-secondary'}`}
            disabled={busy}
            onClick={() =>
              run(
                () => api.updateAgent(agent.id, { active: !agent.active }),
                `${agent.name} is ${agent.active ? 'disabled' : 'active again'}.`,
              )
            }
          >
            {agent.active ? 'Disable account' : 'Enable account'}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : agent ? 'Save account' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
