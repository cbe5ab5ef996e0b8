import { useMemo, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { Incident } from '../../src/protocol/incident.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { createIncidentApi } from './incident-api.ts';
import { IncidentPanel } from './incident-panel.tsx';
import { useIncidents } from './incident-state.ts';
import './incident.css';

/** The pages of an incident waiting for one of the user's teams. */
const waitingForMe = (incident: Incident, me: Agent) =>
  incident.pages.filter((p) => p.ackedAt === null && me.teams.includes(p.team));

/**
 * The incident banner: pinned above the console while an incident the user is part of is open, with each paged
 * team's acknowledgement, an Acknowledge button per team of theirs still paged, and the incident page.
 */
export function IncidentBanner({ token, socket, me }: { token: string; socket: ConsoleSocket; me: Agent }) {
  const api = useMemo(() => createIncidentApi(token), [token]);
  const state = useIncidents(api, socket);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = state.incidents.find((i) => i.id === openId) ?? null;

  const acknowledge = (incident: Incident, team: string) => {
    setError(null);
    api.acknowledge(incident.id, team).then(
      (res) => state.apply(res.incident),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  };

  if (state.incidents.length === 0) return null;
  return (
    <>
      <section className="incident-banner" role="alert" aria-label="Open incidents">
        {state.incidents.map((incident) => {
          const mine = waitingForMe(incident, me);
          return (
            <div
              key={incident.id}
              className={`incident-row incident-${incident.severity}`}
              data-incident={incident.id}
            >
              <span className="incident-severity">{incident.severity}</span>
              <span className="incident-title">{incident.title}</span>
              {incident.count > 1 && <span className="incident-count">×{incident.count}</span>}
              <ul className="incident-pages" aria-label="Paged teams">
                {incident.pages.map((p) => (
                  <li key={p.team} className={p.ackedAt ? 'acked' : 'waiting'} data-team={p.team}>
                    {p.teamName}:{' '}
                    {p.ackedAt
                      ? `acknowledged by ${p.ackedByName ?? 'someone'}`
                      : `waiting (page ${p.pages})`}
                  </li>
                ))}
              </ul>
              {mine.map((p) => (
                <button
                  key={p.team}
                  type="button"
                  className="incident-ack"
                  onClick={() => acknowledge(incident, p.team)}
                >
                  Acknowledge for {p.teamName}
                </button>
              ))}
              <button type="button" className="link" onClick={() => setOpenId(incident.id)}>
                Open incident
              </button>
            </div>
          );
        })}
        {error && <p className="inline-error">{error}</p>}
      </section>
      {open && (
        <IncidentPanel
          api={api}
          incident={open}
          version={state.versions[open.id] ?? 0}
          me={me}
          onChanged={state.apply}
          onClose={() => setOpenId(null)}
        />
      )}
    </>
  );
}
