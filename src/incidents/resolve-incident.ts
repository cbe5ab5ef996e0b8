import { fail } from '../platform/errors.ts';
import type { Incident } from '../protocol/incident.ts';
import { canActOnIncident } from './can-act-on-incident.ts';
import type { IncidentDeps } from './incident-deps.ts';

/**
 * Resolves an incident with a summary: every page timer stops, and a later alert with the same fingerprint opens
 * a new incident.
 */
export async function resolveIncident(
  deps: IncidentDeps,
  input: {
    incidentId: string;
    who: { id: string; name: string; role: string; teams: readonly string[] };
    summary: string;
  },
): Promise<Incident> {
  const now = deps.now();
  await deps.store.transaction(async (tx) => {
    const incident = await deps.store.lock(tx, input.incidentId);
    if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId}`);
    if (!canActOnIncident(incident, input.who))
      fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId} for your teams`);
    if (incident.status === 'resolved') fail('CONFLICT', 'the incident is already resolved');
    await deps.store.update(tx, incident.id, {
      status: 'resolved',
      resolvedAt: now,
      resolvedBy: input.who.id,
      summary: input.summary,
    });
    await deps.store.stopTimers(tx, incident.id);
    await deps.store.append(tx, incident.id, now, [
      {
        kind: 'resolved',
        actorId: input.who.id,
        actorName: input.who.name,
        text: `Resolved: ${input.summary}`,
      },
    ]);
  });
  const incident = await deps.store.get(input.incidentId);
  if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId}`);
  await deps.deliver({ event: 'resolved', incident, steps: [], actor: input.who, text: input.summary });
  return incident;
}
