import { fail } from '../platform/errors.ts';
import type { Incident, IncidentStatus } from '../protocol/incident.ts';
import { canActOnIncident } from './can-act-on-incident.ts';
import type { IncidentDeps } from './incident-deps.ts';

/**
 * Adds a note, or a status change with an optional note, to an incident's shared timeline; the author's team (the
 * first of theirs paged for the incident) is recorded beside their name.
 */
export async function addIncidentNote(
  deps: IncidentDeps,
  input: {
    incidentId: string;
    who: { id: string; name: string; role: string; teams: readonly string[] };
    text?: string | undefined;
    status?: Extract<IncidentStatus, 'investigating' | 'mitigated'> | undefined;
  },
): Promise<Incident> {
  const now = deps.now();
  const team = await deps.store.transaction(async (tx) => {
    const incident = await deps.store.lock(tx, input.incidentId);
    if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId}`);
    if (!canActOnIncident(incident, input.who))
      fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId} for your teams`);
    if (incident.status === 'resolved') fail('CONFLICT', 'the incident is already resolved');
    const team = incident.pages.find((p) => input.who.teams.includes(p.team))?.team ?? null;
    const by = { team, actorId: input.who.id, actorName: input.who.name };
    if (input.status) {
      await deps.store.update(tx, incident.id, { status: input.status });
      await deps.store.append(tx, incident.id, now, [
        {
          ...by,
          kind: 'status',
          text: `Status: ${input.status}${input.text ? ` (${input.text})` : ''}`,
          data: { status: input.status },
        },
      ]);
    } else if (input.text) {
      await deps.store.append(tx, incident.id, now, [{ ...by, kind: 'note', text: input.text }]);
    } else fail('VALIDATION_FAILED', 'a note needs text');
    return team;
  });
  const incident = await deps.store.get(input.incidentId);
  if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${input.incidentId}`);
  await deps.deliver({
    event: input.status ? 'status' : 'note',
    incident,
    steps: [],
    actor: input.who,
    team: team ?? undefined,
    text: input.text,
  });
  return incident;
}
