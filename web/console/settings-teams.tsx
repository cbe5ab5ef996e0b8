import { useCallback, useMemo, useState } from 'react';
import { checkSkills, describeProblem, readList } from './check-settings-input.ts';
import {
  type HoursForm,
  hoursToForm,
  readHoursForm,
  type Weekday,
  weekdayNames,
  weekdays,
} from './read-hours-form.ts';
import type { SettingsApi, TeamSettings } from './settings-api.ts';
import { SaveStatus, SettingsField } from './settings-field.tsx';
import { useApiData } from './use-api-data.ts';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

const labels = {
  name: 'Name',
  skills: 'Skills',
  'businessHours.timezone': 'Time zone',
  businessHours: 'Opening hours',
};
const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Teams: name, skills, and opening hours in the team's time zone. */
export function SettingsTeams({ api, onError }: Props) {
  const load = useCallback(() => api.teams(), [api]);
  const teams = useApiData(load, onError);
  const [selected, setSelected] = useState<string | null>(null);
  const list = teams.data?.teams ?? [];
  const team = list.find((t) => t.id === selected) ?? list[0] ?? null;
  return (
    <div className="settings-split">
      <ul className="settings-list" aria-label="Teams">
        {list.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="settings-list-item"
              aria-current={t.id === team?.id ? 'true' : undefined}
              onClick={() => setSelected(t.id)}
            >
              <strong>{t.name}</strong>
              <small className="muted">{t.businessHours ? t.businessHours.timezone : 'Always open'}</small>
            </button>
          </li>
        ))}
      </ul>
      {team ? (
        <TeamForm key={team.id} api={api} team={team} onSaved={teams.reload} onError={onError} />
      ) : (
        <p className="muted">
          {teams.loading ? 'Loading teams…' : 'No teams yet: teams come from the packs.'}
        </p>
      )}
    </div>
  );
}

function TeamForm({
  api,
  team,
  onSaved,
  onError,
}: {
  api: SettingsApi;
  team: TeamSettings;
  onSaved: () => void;
  onError: (err: unknown) => void;
}) {
  const [name, setName] = useState(team.name);
  const [skills, setSkills] = useState(team.skills.join(', '));
  const [hours, setHours] = useState<HoursForm>(() => hoursToForm(team.businessHours, browserZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setDay = (day: Weekday, value: string) =>
    setHours((h) => ({ ...h, days: { ...h.days, [day]: value } }));
  const zoneList = useMemo(() => `zones-${team.id}`, [team.id]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    setProblem(null);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Give the team a name customers and agents will see';
    const skillList = readList(skills);
    const skillProblem = checkSkills(skillList);
    if (skillProblem) found.skills = skillProblem;
    const read = readHoursForm(hours, team.businessHours?.holidays ?? []);
    if (read.kind === 'invalid') Object.assign(found, read.errors);
    setErrors(found);
    if (Object.keys(found).length > 0 || read.kind === 'invalid') return;
    setBusy(true);
    try {
      await api.updateTeam(team.id, { name: name.trim(), skills: skillList, businessHours: read.hours });
      setSaved(`Saved ${name.trim()}.`);
      onSaved();
    } catch (err) {
      setProblem(describeProblem(err, labels));
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings-form card" onSubmit={save} noValidate aria-label={`Team ${team.name}`}>
      <h3>Team {team.id}</h3>
      <SettingsField id="team-name" label="Name" value={name} onChange={setName} error={errors.name} />
      <SettingsField
        id="team-skills"
        label="Skills"
        value={skills}
        onChange={setSkills}
        error={errors.skills}
        hint="Comma-separated; a conversation needing a skill goes to agents who have it."
      />
      <fieldset className="settings-hours">
        <legend>Opening hours</legend>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={hours.alwaysOpen}
            onChange={(e) => setHours((h) => ({ ...h, alwaysOpen: e.target.checked }))}
          />
          Always open
        </label>
        {!hours.alwaysOpen && (
          <>
            <SettingsField
              id="team-timezone"
              label="Time zone"
              value={hours.timezone}
              onChange={(timezone) => setHours((h) => ({ ...h, timezone }))}
              list={zoneList}
              error={errors.timezone}
              hint="The hours below are in this zone; customers see them in their own."
            />
            <datalist id={zoneList}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <div className="settings-days">
              {weekdays.map((day) => (
                <SettingsField
                  key={day}
                  id={`team-hours-${day}`}
                  label={weekdayNames[day]}
                  value={hours.days[day]}
                  onChange={(v) => setDay(day, v)}
                  placeholder="Closed"
                  error={errors[day]}
                />
              ))}
            </div>
            <small className="muted">
              Write ranges like 09:00-17:00; separate several with commas; leave empty when closed.
            </small>
          </>
        )}
      </fieldset>
      <SaveStatus saved={saved} error={problem} />
      <div className="settings-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save team'}
        </button>
      </div>
    </form>
  );
}
