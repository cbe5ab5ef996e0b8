import type { AlertPrefs } from './plan-offer-alerts.ts';

type Props = { prefs: AlertPrefs; onChange: (prefs: AlertPrefs) => void };

const switches: { key: keyof AlertPrefs; label: string }[] = [
  { key: 'sound', label: 'Sound' },
  { key: 'notification', label: 'Desktop notification' },
  { key: 'titleBadge', label: 'Count in the tab title' },
];

/** The top bar's "Alerts" menu: how a new offer is signalled, each signal switchable (kept in this browser). */
export function AlertSettings({ prefs, onChange }: Props) {
  return (
    <details className="alert-settings">
      <summary className="btn btn-ghost">Alerts</summary>
      <fieldset className="alert-settings-menu">
        <legend>When a conversation is offered to you</legend>
        {switches.map((s) => (
          <label key={s.key} className="alert-switch">
            <input
              type="checkbox"
              checked={prefs[s.key]}
              onChange={(e) => onChange({ ...prefs, [s.key]: e.currentTarget.checked })}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
