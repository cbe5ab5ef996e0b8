import { useState } from 'react';
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

type EditorProps = {
  api: SettingsApi;
  agent: Agent | null;
  teams: { id: string; name: string }[];
  onDone: (message: string) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
};

/** The account form: a new account, or one account's role, teams, skills, capacity, password and disabling. */
export function AgentEditor({ api, agent, teams, onDone, onCancel, onError }: EditorProps) {
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
