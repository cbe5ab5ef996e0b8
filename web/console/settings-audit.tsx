import { useCallback, useEffect, useState } from 'react';
import type { AuditArea, AuditEntry } from '../../src/protocol/audit.ts';
import { describeProblem } from './check-settings-input.ts';
import { auditFields } from './describe-audit-value.ts';
import type { SettingsApi } from './settings-api.ts';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

const areas: { value: AuditArea | ''; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'teams', label: 'Teams' },
  { value: 'agents', label: 'Accounts' },
  { value: 'macros', label: 'Canned replies' },
  { value: 'webhooks', label: 'Webhooks' },
  { value: 'packs', label: 'Pack versions' },
];

/** The audit log: who changed what and when, with the fields before and after, newest first, older on demand. */
export function SettingsAudit({ api, onError }: Props) {
  const [area, setArea] = useState<AuditArea | ''>('');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    async (cursor: string | null) => {
      setBusy(true);
      try {
        const page = await api.audit({ cursor, area: area || null });
        setEntries((old) => (cursor ? [...old, ...page.entries] : page.entries));
        setNext(page.nextCursor);
        setProblem(null);
      } catch (err) {
        setProblem(describeProblem(err));
        onError(err);
      } finally {
        setBusy(false);
      }
    },
    [api, area, onError],
  );
  useEffect(() => {
    load(null);
  }, [load]);

  return (
    <div className="settings-stack">
      <div className="settings-toolbar">
        <div className="settings-field settings-field-inline">
          <label htmlFor="audit-area">Show</label>
          <select id="audit-area" value={area} onChange={(e) => setArea(e.target.value as AuditArea | '')}>
            {areas.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-ghost" onClick={() => load(null)} disabled={busy}>
          Refresh
        </button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <table className="settings-table settings-audit">
        <caption className="sr-only">Settings changes, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleString()}</time>
              </td>
              <td>{e.actorName ?? e.actor}</td>
              <td>
                {e.action} <span className="muted">{e.area}</span> <code>{e.subject}</code>
                {e.reason && <div className="muted small">“{e.reason}”</div>}
              </td>
              <td>
                <dl className="audit-fields">
                  {auditFields(e.before, e.after).map((f) => (
                    <div key={f.field}>
                      <dt>{f.field}</dt>
                      <dd>
                        {f.before !== null && <span className="audit-before">{f.before}</span>}
                        {f.before !== null && f.after !== null && ' → '}
                        {f.after !== null && <span className="audit-after">{f.after}</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !busy && <p className="muted">No changes recorded yet.</p>}
      {next && (
        <button type="button" className="btn btn-secondary" onClick={() => load(next)} disabled={busy}>
          {busy ? 'Loading…' : 'Load older changes'}
        </button>
      )}
    </div>
  );
}
