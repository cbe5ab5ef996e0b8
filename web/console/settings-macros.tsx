import { useCallback, useState } from 'react';
import type { Macro } from './api-client.ts';
import { checkMacro, describeProblem } from './check-settings-input.ts';
import type { SettingsApi } from './settings-api.ts';
import { SaveStatus, SettingsField } from './settings-field.tsx';
import { useApiData } from './use-api-data.ts';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

const everyone = '';
const labels = { title: 'Title', text: 'Text', team: 'Team' };

/** Canned replies per team (or for every team): add, edit, remove. */
export function SettingsMacros({ api, onError }: Props) {
  const loadTeams = useCallback(() => api.teams(), [api]);
  const teams = useApiData(loadTeams, onError).data?.teams ?? [];
  const [team, setTeam] = useState(everyone);
  const loadMacros = useCallback(() => api.macros(team === everyone ? null : team), [api, team]);
  const macros = useApiData(loadMacros, onError);
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const remove = async (m: Macro) => {
    setProblem(null);
    try {
      await api.deleteMacro(m.id);
      setSaved(`Removed “${m.title}”.`);
      macros.reload();
    } catch (err) {
      setProblem(describeProblem(err, labels));
      onError(err);
    }
  };

  return (
    <div className="settings-stack">
      <div className="settings-toolbar">
        <div className="settings-field settings-field-inline">
          <label htmlFor="macro-team">Team</label>
          <select id="macro-team" value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value={everyone}>Every team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          Add reply
        </button>
        <SaveStatus saved={saved} error={problem} />
      </div>
      {editing && (
        <MacroEditor
          key={editing === 'new' ? 'new' : editing.id}
          api={api}
          macro={editing === 'new' ? null : editing}
          team={team === everyone ? null : team}
          onDone={(message) => {
            setSaved(message);
            setEditing(null);
            macros.reload();
          }}
          onCancel={() => setEditing(null)}
          onError={onError}
        />
      )}
      <ul className="settings-cards" aria-label="Canned replies">
        {(macros.data?.macros ?? []).map((m) => (
          <li key={m.id} className="card">
            <div className="settings-card-head">
              <strong>{m.title}</strong>
              <span className="spacer" />
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setEditing(m)}>
                Edit<span className="sr-only"> {m.title}</span>
              </button>
              <button type="button" className="btn btn-danger btn-small" onClick={() => remove(m)}>
                Remove<span className="sr-only"> {m.title}</span>
              </button>
            </div>
            <p className="settings-macro-text">{m.text}</p>
          </li>
        ))}
        {macros.data?.macros.length === 0 && <li className="muted">No canned replies here yet.</li>}
      </ul>
    </div>
  );
}

type EditorProps = {
  api: SettingsApi;
  macro: Macro | null;
  team: string | null;
  onDone: (message: string) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
};

function MacroEditor({ api, macro, team, onDone, onCancel, onError }: EditorProps) {
  const [title, setTitle] = useState(macro?.title ?? '');
  const [text, setText] = useState(macro?.text ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found = checkMacro({ title, text });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      if (macro) await api.updateMacro(macro.id, { title: title.trim(), text });
      else await api.createMacro({ title: title.trim(), text, team });
      onDone(`Saved “${title.trim()}”.`);
    } catch (err) {
      setProblem(describeProblem(err, labels));
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="settings-form card"
      onSubmit={submit}
      noValidate
      aria-label={macro ? 'Edit reply' : 'New reply'}
    >
      <SettingsField id="macro-title" label="Title" value={title} onChange={setTitle} error={errors.title} />
      <SettingsField
        id="macro-text"
        label="Text"
        value={text}
        onChange={setText}
        error={errors.text}
        multiline
      />
      <SaveStatus saved={null} error={problem} />
      <div className="settings-actions">
        <span className="spacer" />
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save reply'}
        </button>
      </div>
    </form>
  );
}
