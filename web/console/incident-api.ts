import type { Incident, IncidentDetail } from '../../src/protocol/incident.ts';
import { requestJson } from '../shared/request-json.ts';

/** The console's client for the incident routes. */
export type IncidentApi = ReturnType<typeof createIncidentApi>;

/** Builds the incident client for a console token; `base` is the server origin, '' for the same origin. */
export function createIncidentApi(token: string, base = '') {
  const path = (id: string, action = '') => `${base}/api/v1/incidents/${encodeURIComponent(id)}${action}`;
  const post = (id: string, action: string, body: unknown) =>
    requestJson<{ incident: Incident }>(path(id, action), { method: 'POST', token, body });
  return {
    open: () => requestJson<{ incidents: Incident[] }>(`${base}/api/v1/incidents?status=open`, { token }),
    detail: (id: string) => requestJson<IncidentDetail>(path(id), { token }),
    acknowledge: (id: string, team?: string) => post(id, '/acknowledge', team ? { team } : {}),
    note: (id: string, text: string) => post(id, '/notes', { text }),
    status: (id: string, status: 'investigating' | 'mitigated') => post(id, '/status', { status }),
    resolve: (id: string, summary: string) => post(id, '/resolve', { summary }),
  };
}
