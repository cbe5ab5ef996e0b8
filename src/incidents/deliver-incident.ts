import type { Logger } from 'pino';
import type { Incident, IncidentsConfig, TeamView } from '../protocol/incident.ts';
import type { WebhookEventType } from '../protocol/webhook.ts';
import type { ServerMessage } from '../protocol/ws.ts';
import type { IncidentChange } from './incident-deps.ts';
import { viewForTeam } from './view-for-team.ts';

/** Where incident changes go: console users (by id), supervisors, webhook subscribers. */
export type IncidentOutlets = {
  tellAgent: (agentId: string, message: ServerMessage) => Promise<void>;
  tellSupervisors: (message: ServerMessage) => Promise<void>;
  publishWebhook: (type: WebhookEventType, data: unknown) => Promise<unknown>;
  members: (team: string) => Promise<string[]>;
  config: (pack: string) => IncidentsConfig | undefined;
  teamName: (pack: string, team: string) => string;
  log: Logger;
};

/** A team's view of an incident, per its pack. */
export function teamView(
  outlets: Pick<IncidentOutlets, 'config' | 'teamName'>,
  incident: Incident,
  team: string,
): TeamView {
  return viewForTeam(
    incident,
    { id: team, name: outlets.teamName(incident.pack, team) },
    outlets.config(incident.pack)?.views[team],
  );
}

const webhookEvent: Record<IncidentChange['event'], WebhookEventType | null> = {
  opened: 'incident.opened',
  updated: 'incident.updated',
  paged: null,
  escalated: 'incident.escalated',
  acknowledged: 'incident.acknowledged',
  note: null,
  status: 'incident.updated',
  resolved: 'incident.resolved',
};

/**
 * Builds the delivery of committed incident changes: every member of a paged team gets the page with their team's
 * view (the console's alarm), everyone on the incident and the supervisors get the change (timelines refresh), and
 * webhook subscribers get one signed `incident.paged` per team paged (with that team's view, for phone and chat
 * tools) besides the incident's own event.
 */
export function createIncidentDelivery(outlets: IncidentOutlets) {
  const safely = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      outlets.log.warn({ err, what }, 'incident delivery failed');
    }
  };
  return async (change: IncidentChange): Promise<void> => {
    const { incident } = change;
    const pages = change.steps.flatMap((step) =>
      step.kind === 'paged' || step.kind === 'repaged'
        ? [{ step, view: teamView(outlets, incident, step.team) }]
        : [],
    );
    const paged = new Set(pages.map((p) => p.step.team));
    // Consoles first and all at once: every paged team hears of it together; webhooks are queued after.
    await Promise.all(
      pages.map(async ({ step, view }) => {
        const message: ServerMessage = {
          type: 'incident',
          event: step.kind,
          incident,
          view,
          page: { team: step.team, pages: step.pages, level: step.level },
        };
        const members = await outlets.members(step.team).catch((err: unknown) => {
          outlets.log.warn({ err, team: step.team }, 'incident delivery: members not found');
          return [];
        });
        await Promise.all(
          members.map((agentId) => safely('console page', () => outlets.tellAgent(agentId, message))),
        );
      }),
    );
    for (const { step, view } of pages)
      await safely('webhook', () =>
        outlets.publishWebhook('incident.paged', {
          incidentId: incident.id,
          team: step.team,
          page: step.pages,
          level: step.level,
          severity: incident.severity,
          title: incident.title,
          view,
        }),
      );
    const update: ServerMessage = { type: 'incident', event: change.event, incident, view: null, page: null };
    const everyone = new Set<string>();
    for (const page of incident.pages) {
      if (paged.has(page.team)) continue;
      for (const agentId of await outlets.members(page.team)) everyone.add(agentId);
    }
    for (const agentId of everyone) await safely('console update', () => outlets.tellAgent(agentId, update));
    await safely('supervisors', () => outlets.tellSupervisors(update));
    const type = webhookEvent[change.event];
    if (type)
      await safely('webhook', () =>
        outlets.publishWebhook(type, {
          incidentId: incident.id,
          type: incident.type,
          severity: incident.severity,
          status: incident.status,
          title: incident.title,
          count: incident.count,
          team: change.team ?? null,
          actor: change.actor?.name ?? null,
          text: change.text ?? null,
          pages: incident.pages.map((p) => ({
            team: p.team,
            level: p.level,
            pages: p.pages,
            ackedAt: p.ackedAt,
          })),
        }),
      );
  };
}
