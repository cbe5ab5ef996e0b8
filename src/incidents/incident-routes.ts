import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  acknowledgeBodySchema,
  alertBodySchema,
  alertResponseSchema,
  incidentDetailSchema,
  incidentIdParamsSchema,
  incidentsQuerySchema,
  incidentsResponseSchema,
  noteBodySchema,
  resolveBodySchema,
  statusBodySchema,
} from '../protocol/incident.ts';
import { acknowledgeIncident } from './acknowledge-incident.ts';
import { addIncidentNote } from './add-incident-note.ts';
import { canActOnIncident } from './can-act-on-incident.ts';
import { teamView } from './deliver-incident.ts';
import type { IncidentDeps } from './incident-deps.ts';
import { raiseAlert } from './raise-alert.ts';
import { resolveIncident } from './resolve-incident.ts';

type Router = ReturnType<typeof createRouter>;

/** The console user's name and teams. */
export type ConsolePeople = {
  get: (id: string) => Promise<{ id: string; name: string; teams: string[]; role: string }>;
};

/** The alert API for other systems and the incident routes of the console. */
export function registerIncidentRoutes(router: Router, deps: IncidentDeps, people: ConsolePeople): void {
  const tags = ['incidents'];
  const who = async (caller: Parameters<typeof consoleUser>[0]) => {
    const user = consoleUser(caller);
    const agent = await people.get(user.agentId);
    return { id: agent.id, name: agent.name, teams: agent.teams, role: user.role };
  };
  const seesAll = (role: string) => role === 'supervisor' || role === 'admin';

  router.route({
    method: 'POST',
    url: '/api/v1/alerts',
    summary:
      'Raise an alert: opens an incident and pages its teams, or updates the open incident with its fingerprint',
    tags,
    access: 'apiKey',
    body: alertBodySchema,
    response: alertResponseSchema,
    handler: async ({ body }) => raiseAlert(deps, body),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/incidents',
    summary: "Incidents paging the caller's teams (every incident for supervisors and admins), newest first",
    tags,
    access: 'console',
    query: incidentsQuerySchema,
    response: incidentsResponseSchema,
    handler: async ({ caller, query }) => {
      const me = await who(caller);
      return {
        incidents: await deps.store.list({ ...query, ...(!seesAll(me.role) && { teams: me.teams }) }),
      };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/incidents/:id',
    summary: "An incident with the views of the caller's paged teams (all for supervisors) and its timeline",
    tags,
    access: 'console',
    params: incidentIdParamsSchema,
    response: incidentDetailSchema,
    handler: async ({ caller, params }) => {
      const me = await who(caller);
      const incident = await deps.store.get(params.id);
      if (!incident) fail('INCIDENT_NOT_FOUND', `no incident ${params.id}`);
      if (!canActOnIncident(incident, me))
        fail('INCIDENT_NOT_FOUND', `no incident ${params.id} for your teams`);
      const teams = incident.pages.map((p) => p.team).filter((t) => seesAll(me.role) || me.teams.includes(t));
      const outlets = { config: deps.config, teamName: deps.teamName };
      return {
        incident,
        views: teams.map((t) => teamView(outlets, incident, t)),
        timeline: await deps.store.timeline(incident.id),
      };
    },
  });

  router.route({
    method: 'POST',
    url: '/api/v1/incidents/:id/acknowledge',
    summary: "Acknowledge an incident for one of the caller's paged teams (stops that team's re-pages)",
    tags,
    access: 'console',
    params: incidentIdParamsSchema,
    body: acknowledgeBodySchema,
    response: alertResponseSchema.pick({ incident: true }),
    handler: async ({ caller, params, body }) => ({
      incident: await acknowledgeIncident(deps, {
        incidentId: params.id,
        who: await who(caller),
        team: body.team,
      }),
    }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/incidents/:id/notes',
    summary: "Add a note to the incident's shared timeline",
    tags,
    access: 'console',
    params: incidentIdParamsSchema,
    body: noteBodySchema,
    response: alertResponseSchema.pick({ incident: true }),
    handler: async ({ caller, params, body }) => ({
      incident: await addIncidentNote(deps, {
        incidentId: params.id,
        who: await who(caller),
        text: body.text,
      }),
    }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/incidents/:id/status',
    summary: 'Change the status of an incident (investigating, mitigated), with an optional note',
    tags,
    access: 'console',
    params: incidentIdParamsSchema,
    body: statusBodySchema,
    response: alertResponseSchema.pick({ incident: true }),
    handler: async ({ caller, params, body }) => ({
      incident: await addIncidentNote(deps, {
        incidentId: params.id,
        who: await who(caller),
        status: body.status,
        text: body.text,
      }),
    }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/incidents/:id/resolve',
    summary: 'Resolve an incident with a summary; its timers stop',
    tags,
    access: 'console',
    params: incidentIdParamsSchema,
    body: resolveBodySchema,
    response: alertResponseSchema.pick({ incident: true }),
    handler: async ({ caller, params, body }) => ({
      incident: await resolveIncident(deps, {
        incidentId: params.id,
        who: await who(caller),
        summary: body.summary,
      }),
    }),
  });
}
