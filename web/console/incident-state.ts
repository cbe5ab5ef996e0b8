import { useCallback, useEffect, useState } from 'react';
import type { Incident } from '../../src/protocol/incident.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { soundAlarm } from './incident-alarm.ts';
import type { IncidentApi } from './incident-api.ts';

/** The open incidents this console user is part of, with a version that moves on every live change of each. */
export type IncidentState = {
  incidents: Incident[];
  versions: Record<string, number>;
  apply: (incident: Incident) => void;
};

/**
 * Open incidents: loaded on start and after a reconnect, then kept live from the socket. A page to one of the
 * user's teams sounds the alarm; a resolved incident leaves the list.
 */
export function useIncidents(api: IncidentApi, socket: ConsoleSocket): IncidentState {
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [versions, setVersions] = useState<Record<string, number>>({});

  const apply = useCallback((incident: Incident) => {
    setIncidents((prev) => {
      const rest = prev.filter((i) => i.id !== incident.id);
      return incident.status === 'resolved' ? rest : [incident, ...rest];
    });
    setVersions((prev) => ({ ...prev, [incident.id]: (prev[incident.id] ?? 0) + 1 }));
  }, []);

  useEffect(() => {
    const load = () =>
      api.open().then(
        (res) => setIncidents(res.incidents),
        () => {},
      );
    load();
    return socket.on((event) => {
      if (event.type === 'reconnected') load();
      if (event.type !== 'incident') return;
      apply(event.incident);
      if (event.page && event.view)
        soundAlarm(
          `${event.incident.severity.toUpperCase()}: ${event.view.headline}`,
          `${event.view.teamName} is paged${event.page.pages > 1 ? ` (page ${event.page.pages})` : ''}`,
        );
    });
  }, [api, socket, apply]);

  return { incidents, versions, apply };
}
