import { type FormEvent, useEffect, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { Incident, IncidentDetail, TeamView } from '../../src/protocol/incident.ts';
import { serverClockOffset } from '../shared/request-json.ts';
import type { IncidentApi } from './incident-api.ts';
import { useNow } from './use-now.ts';

/** Minutes and seconds left until a deadline (read on the server's clock), or how long ago it passed. */
function clockText(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now - serverClockOffset();
  const abs = Math.abs(ms);
  const text = `${Math.floor(abs / 60_000)} min ${Math.floor((abs % 60_000) / 1000)} s`;
  return ms >= 0 ? `due in ${text}` : `overdue by ${text}`;
}

/** One team's view: its headline, fact sections, suggested action, obligations, reporting clock and runbook. */
function TeamViewCard({ view, now }: { view: TeamView; now: number }) {
  return (
    <article className="incident-view" data-view={view.team} aria-label={`${view.teamName} view`}>
      <h3>{view.teamName}</h3>
      <p className="incident-headline">{view.headline}</p>
      {view.sections.map((s) => (
        <div key={s.title}>
          <h4>{s.title}</h4>
          <dl>
            {s.facts.map((f) => (
              <div key={f.key}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {view.action && (
        <p className="incident-action">
          <strong>Suggested action:</strong> {view.action}
        </p>
      )}
      {view.obligations.length > 0 && (
        <>
          <h4>Obligations</h4>
          <ul className="incident-obligations">
            {view.obligations.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </>
      )}
      {view.reportingDueAt && (
        <p className="incident-clock">Reporting deadline {clockText(view.reportingDueAt, now)}</p>
      )}
      {view.runbook && (
        <p>
          <a href={view.runbook} target="_blank" rel="noreferrer">
            Runbook
          </a>
        </p>
      )}
    </article>
  );
}

/**
 * The incident page: the user's team views, who acknowledged, the shared timeline (the audit trail), notes, status
 * changes and resolving with a summary. Reloads whenever the incident changes live (`version`).
 */
export function IncidentPanel({
  api,
  incident,
  version,
  me,
  onChanged,
  onClose,
}: {
  api: IncidentApi;
  incident: Incident;
  version: number;
  me: Agent;
  onChanged: (incident: Incident) => void;
  onClose: () => void;
}) {
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [note, setNote] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` moves on every live change of the incident
  useEffect(() => {
    api.detail(incident.id).then(setDetail, (err: unknown) => setError(String(err)));
  }, [api, incident.id, version]);

  const run = (work: Promise<{ incident: Incident }>, done?: () => void) => {
    setError(null);
    work.then(
      (res) => {
        onChanged(res.incident);
        done?.();
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  };
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim()) run(api.note(incident.id, note.trim()), () => setNote(''));
  };
  const resolve = (e: FormEvent) => {
    e.preventDefault();
    if (summary.trim()) run(api.resolve(incident.id, summary.trim()), onClose);
  };

  return (
    <div className="incident-overlay">
      <div
        className="incident-panel"
        role="dialog"
        aria-modal="true"
        aria-label={`Incident: ${incident.title}`}
      >
        <header>
          <h2>
            <span className={`incident-severity incident-${incident.severity}`}>{incident.severity}</span>{' '}
            {incident.title}
          </h2>
          <p>
            {incident.type} · {incident.status} · {incident.count} alert{incident.count > 1 ? 's' : ''} ·
            first {new Date(incident.firstSeenAt).toLocaleTimeString()}
          </p>
          <button type="button" className="notice-close" aria-label="Close incident" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="incident-views">
          {detail?.views.map((v) => (
            <TeamViewCard key={v.team} view={v} now={now} />
          ))}
        </div>
        <h3>Teams</h3>
        <ul className="incident-pages" aria-label="Acknowledgements">
          {incident.pages.map((p) => (
            <li key={p.team} className={p.ackedAt ? 'acked' : 'waiting'}>
              {p.teamName}
              {p.level > 0 ? ` (ladder ${p.level})` : ''}:{' '}
              {p.ackedAt
                ? `acknowledged by ${p.ackedByName} at ${new Date(p.ackedAt).toLocaleTimeString()}`
                : p.dueAt
                  ? `not acknowledged, re-page ${clockText(p.dueAt, now)}`
                  : 'not acknowledged'}
              {!p.ackedAt && me.teams.includes(p.team) && (
                <button
                  type="button"
                  className="incident-ack"
                  onClick={() => run(api.acknowledge(incident.id, p.team))}
                >
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
        <h3>Timeline</h3>
        <ol className="incident-timeline" aria-label="Timeline">
          {detail?.timeline.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time> {e.text}
              {e.kind === 'note' && e.actorName ? ` (${e.actorName})` : ''}
            </li>
          ))}
        </ol>
        <form onSubmit={addNote} className="incident-form">
          <label>
            Note for every team
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
          </label>
          <button type="submit">Add note</button>
        </form>
        <div className="incident-form">
          <button type="button" onClick={() => run(api.status(incident.id, 'mitigated'))}>
            Mark mitigated
          </button>
        </div>
        <form onSubmit={resolve} className="incident-form">
          <label>
            Resolution summary
            <input value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} />
          </label>
          <button type="submit">Resolve</button>
        </form>
        {error && <p className="inline-error">{error}</p>}
      </div>
    </div>
  );
}
