import { AppError, fail } from '../platform/errors.ts';
import type { Incident } from '../protocol/incident.ts';
import { type Acknowledger, decideAcknowledge } from './decide-acknowledge.ts';
import type { IncidentDeps } from './incident-deps.ts';

/**
 * A console user acknowledges an incident for one of their paged teams: the team's re-page timer stops, the
 * first acknowledgement takes the incident from `open` to `investigating`, and the timeline records who and when.
 * Acknowledging twice is harmless (nothing changes).
 */
export async function acknowledgeIncident(
  deps: IncidentDeps,
  input: { incidentId: string; who: Acknowledger & { name: string }; team?: string | undefined },
): Promise<Incident> {
  const now = deps.now();
  const acked = await deps.store.transaction(async (tx) => {
    const incident = await deps.store.lock(tx, input.incidentId);
    if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId}`);
    const decision = decideAcknowledge(incident, input.who, input.team);
    if (decision.kind === 'refuse') throw new AppError(decision.code, decision.message);
    if (decision.kind === 'already') return null;
    await deps.store.acknowledge(tx, incident.id, decision.team, input.who, now);
    if (incident.status === 'open') await deps.store.update(tx, incident.id, { status: 'investigating' });
    await deps.store.append(tx, incident.id, now, [
      {
        kind: 'acknowledged',
        team: decision.team,
        actorId: input.who.id,
        actorName: input.who.name,
        text: `${input.who.name} acknowledged for ${deps.teamName(incident.pack, decision.team)}`,
      },
    ]);
    return decision.team;
  });
  const incident = await deps.store.get(input.incidentId);
  if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId}`);
  if (acked)
    await deps.deliver({ event: 'acknowledged', incident, steps: [], actor: input.who, team: acked });
  return incident;
}
