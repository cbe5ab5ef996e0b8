import type { Agent, Role } from '../../src/protocol/agent.ts';
import type { AuditArea, AuditEntry } from '../../src/protocol/audit.ts';
import type { WebhookDelivery, WebhookSubscription } from '../../src/protocol/webhook.ts';
import { requestJson } from '../shared/request-json.ts';
import type { Macro } from './api-client.ts';
import type { ImprovePack } from './improve-api.ts';

/** Opening hours as the API stores them: ranges per weekday in the team's time zone. */
export type WeeklyHours = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>;
export type BusinessHours = {
  timezone: string;
  weekly: WeeklyHours;
  holidays?: { date: string; name?: string }[];
};

/** A team's settings as the admin API lists them (the fields the settings screen edits). */
export type TeamSettings = {
  id: string;
  name: string;
  skills: string[];
  businessHours: BusinessHours | null;
};

export type NewAgent = {
  email: string;
  name: string;
  role: Role;
  password: string;
  teams: string[];
  skills: string[];
  capacity: number;
};
export type AgentPatch = Partial<Omit<NewAgent, 'email'>> & { active?: boolean };
export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null };

export type SettingsApi = ReturnType<typeof createSettingsApi>;

/** The settings area's calls (admins). */
export function createSettingsApi(token: string, base = '') {
  const url = (path: string) => `${base}/api/v1${path}`;
  const get = <T>(path: string) => requestJson<T>(url(path), { token });
  const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    requestJson<T>(url(path), { method, token, body });
  const id = encodeURIComponent;
  return {
    teams: () => get<{ teams: TeamSettings[] }>('/admin/teams'),
    updateTeam: (team: string, patch: Partial<Omit<TeamSettings, 'id'>>) =>
      send<{ team: TeamSettings }>('PATCH', `/admin/teams/${id(team)}`, patch),

    agents: () => get<{ agents: Agent[] }>('/admin/agents'),
    createAgent: (agent: NewAgent) => send<{ agent: Agent }>('POST', '/admin/agents', agent),
    updateAgent: (agent: string, patch: AgentPatch) =>
      send<{ agent: Agent }>('PATCH', `/admin/agents/${id(agent)}`, patch),

    macros: (team: string | null) =>
      get<{ macros: Macro[] }>(`/admin/macros?team=${team === null ? '-' : id(team)}`),
    createMacro: (macro: Omit<Macro, 'id'>) => send<{ macro: Macro }>('POST', '/admin/macros', macro),
    updateMacro: (macro: string, patch: Partial<Omit<Macro, 'id'>>) =>
      send<{ macro: Macro }>('PATCH', `/admin/macros/${id(macro)}`, patch),
    deleteMacro: (macro: string) => send<{ deleted: true }>('DELETE', `/admin/macros/${id(macro)}`),

    webhooks: () => get<{ webhooks: WebhookSubscription[] }>('/admin/webhooks'),
    createWebhook: (body: { url: string; events: string[]; description: string }) =>
      send<{ webhook: WebhookSubscription & { secret: string } }>('POST', '/admin/webhooks', body),
    updateWebhook: (hook: string, patch: { active?: boolean; events?: string[]; description?: string }) =>
      send<{ webhook: WebhookSubscription }>('PATCH', `/admin/webhooks/${id(hook)}`, patch),
    rotateSecret: (hook: string) =>
      send<{ webhook: WebhookSubscription & { secret: string } }>(
        'POST',
        `/admin/webhooks/${id(hook)}/rotate-secret`,
      ),
    deleteWebhook: (hook: string) => send<{ deleted: true }>('DELETE', `/admin/webhooks/${id(hook)}`),
    deliveries: (hook: string) =>
      get<{ deliveries: WebhookDelivery[] }>(`/admin/webhooks/${id(hook)}/deliveries?limit=20`),
    testWebhook: (hook: string) =>
      send<{ delivery: WebhookDelivery }>('POST', `/admin/webhooks/${id(hook)}/test`),

    packs: () => get<{ packs: ImprovePack[] }>('/improve/packs'),

    audit: (query: { cursor?: string | null; area?: AuditArea | null }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.area) params.set('area', query.area);
      return get<AuditPage>(`/admin/audit?${params}`);
    },
  };
}
